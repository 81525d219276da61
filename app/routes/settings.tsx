import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { revokeAllSessions } from "#services/auth.ts";
import { DATE_FORMATS, setTimePreference, setTimePreferenceFromBrowser } from "#services/time-preferences.ts";
import { changeOwnPassword } from "#services/users.ts";
import { ChangePasswordForm, SignOutEverywhereForm, TimePreferenceForm } from "#app/components/settings-forms.tsx";
import { formatInstant } from "#app/time/format.ts";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { clearSessionCookie, requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Settings · Tandem" }];

const FORMAT_NAMES: Record<(typeof DATE_FORMATS)[number], string> = {
  ISO: "ISO 8601",
  "en-GB": "English (UK)",
  "en-US": "English (US)",
  "de-DE": "Deutsch",
  "fr-FR": "Français",
  "ja-JP": "日本語",
};

/** The example each format is shown with: one moment, in the person's zone. */
const EXAMPLE = new Date("2026-12-02T14:25:00Z");

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, time } = await requireSignedIn(request);
  const timeZone = time.timeZone ?? "UTC";
  return {
    email: actor.email,
    time,
    formats: DATE_FORMATS.map((locale) => ({ value: locale, label: `${FORMAT_NAMES[locale]}: ${formatInstant(EXAMPLE, { timeZone, locale })}` })),
    zones: Intl.supportedValuesOf("timeZone"),
  };
}

export const action = intentAction({
  "time-preference": async ({ actor, input }) => {
    // An empty field is sent as absent (formInput); here it means "none", so both are always set.
    const preference = await setTimePreference(actor, { timeZone: input.timeZone ?? "", locale: input.locale ?? "" });
    return { redirect: "/settings", flash: `Times now show in ${preference.timeZone ?? "UTC"}.` };
  },
  // Sent by a fetcher from any signed-in page while the person has no zone (app/components/browser-time.tsx);
  // stored only in fields still empty. It answers data, not a redirect, so the page stays where it is.
  "browser-default": async ({ actor, input }) => ({ show: { stored: await setTimePreferenceFromBrowser(actor, input) } }),
  "change-password": async ({ actor, sessionId, input }) => {
    await changeOwnPassword(actor, input, sessionId);
    return { redirect: "/settings", flash: "Your password is changed. Your other sessions were signed out." };
  },
  "sign-out-everywhere": async ({ actor, request }) => {
    await revokeAllSessions(actor);
    return { redirect: "/login", flash: "You were signed out everywhere.", headers: { "Set-Cookie": await clearSessionCookie(request) } };
  },
});

export default function Settings() {
  const { email, time, formats, zones } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // The browser-default intent is a fetcher's: its answer never reaches the page's forms.
  const state = answer && "fieldErrors" in answer ? answer : null;
  return (
    <>
      <h1>Settings</h1>
      <section aria-labelledby="time-heading" className="card">
        <h2 id="time-heading">Time zone and date format</h2>
        <TimePreferenceForm timeZone={time.timeZone} locale={time.locale} formats={formats} zones={zones} state={state} />
      </section>
      <section aria-labelledby="password-heading" className="card">
        <h2 id="password-heading">Change your password</h2>
        <ChangePasswordForm email={email} state={state} />
      </section>
      <section aria-labelledby="sessions-heading" className="card">
        <h2 id="sessions-heading">Sessions</h2>
        <SignOutEverywhereForm state={state} />
      </section>
      <section aria-labelledby="tokens-heading" className="card">
        <h2 id="tokens-heading">API tokens</h2>
        <p>
          Scripts and integrations use a token to call the JSON API as you.{" "}
          <Link to="/settings/tokens">Manage your API tokens</Link>
        </p>
        <p>
          What the API can do, with examples: <Link to="/api/docs">the API documentation</Link>.
        </p>
      </section>
    </>
  );
}
