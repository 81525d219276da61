import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "#services/permissions.ts";
import { createToken, listTokens, revokeToken, tokenStatus, type PublicToken } from "#services/tokens.ts";
import { CreateTokenForm, NewTokenSecret, TokenTable } from "#app/components/token-forms.tsx";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { isFormState } from "#app/forms/state.ts";
import { quoteTitle } from "#app/forms/flash.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "API tokens · Tandem" }];

/** Remix copies only cookies from an action's headers to the page; the answer with a secret must not be cached. */
export const headers: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const cacheControl = actionHeaders.get("Cache-Control");
  if (cacheControl) headers.set("Cache-Control", cacheControl);
  return headers;
};

function withStatus(token: PublicToken, now: Date) {
  return { ...token, status: tokenStatus(token, now) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const now = new Date();
  const own = (await listTokens(actor)).map((token) => withStatus(token, now));
  const everyone =
    can(actor, "token.seeEveryone") ? (await listTokens(actor, { everyone: true })).map((token) => withStatus(token, now)) : null;
  return { own, everyone, confirming: new URL(request.url).searchParams.get("confirm") };
}

export const action = intentAction({
  create: async ({ actor, input }) => {
    // The one answer that is not a redirect: the secret is shown once, on this response,
    // and never put in a flash cookie or any cache.
    const { token, secret } = await createToken(actor, input);
    return { show: { created: { id: token.id, name: token.name, secret } }, headers: { "Cache-Control": "no-store" } };
  },
  revoke: async ({ actor, form }) => {
    const token = await revokeToken(actor, String(form.get("tokenId") ?? ""));
    return { redirect: "/settings/tokens", flash: `The token ${quoteTitle(token.name)} was revoked. It no longer works.` };
  },
});

export default function Tokens() {
  const { own, everyone, confirming } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const state = isFormState(result) ? result : null;
  const created = result && "created" in result ? result.created : null;
  // An admin's own token is in both tables; its confirmation shows in the first one only.
  const confirmingOwn = own.some((token) => token.id === confirming);
  return (
    <>
      <p>
        <Link to="/settings">← Settings</Link>
      </p>
      <h1>API tokens</h1>
      {created ? <NewTokenSecret name={created.name} secret={created.secret} /> : null}
      <section aria-labelledby="own-tokens-heading">
        <h2 id="own-tokens-heading">Your tokens</h2>
        <TokenTable
          caption="Your tokens"
          empty="You have no tokens yet."
          tokens={own}
          confirming={confirming}
          cancelTo="/settings/tokens"
          state={state}
        />
      </section>
      <section aria-labelledby="create-token-heading" className="card">
        <h2 id="create-token-heading">Create a token</h2>
        <p className="muted">Scripts and integrations send a token to use the JSON API as you.</p>
        <CreateTokenForm key={created?.id ?? "new"} state={state} />
      </section>
      {everyone ? (
        <section aria-labelledby="team-tokens-heading">
          <h2 id="team-tokens-heading">Everyone’s tokens</h2>
          <TokenTable
            caption="Everyone’s tokens"
            empty="Nobody on the team has a token yet."
            tokens={everyone}
            showOwner
            confirming={confirmingOwn ? null : confirming}
            cancelTo="/settings/tokens"
            state={state}
          />
        </section>
      ) : null}
    </>
  );
}
