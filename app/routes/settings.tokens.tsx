import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "#services/permissions.ts";
import { createToken, listTokens, revokeToken, tokenStatus, type PublicToken } from "#services/tokens.ts";
import { CreateTokenForm, NewTokenSecret, TokenTable } from "#app/components/token-forms.tsx";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { revealingPageHeaders } from "#app/forms/page-headers.ts";
import { NO_STORE, revealOnNextPage, takeRevealed } from "#app/forms/reveal.server.ts";
import { isFormState } from "#app/forms/state.ts";
import { quoteTitle } from "#app/forms/flash.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "API tokens · Tandem" }];

export const headers = revealingPageHeaders;

function withStatus(token: PublicToken, now: Date) {
  return { ...token, status: tokenStatus(token, now) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const now = new Date();
  const own = (await listTokens(actor)).map((token) => withStatus(token, now));
  const everyone =
    can(actor, "token.seeEveryone") ? (await listTokens(actor, { everyone: true })).map((token) => withStatus(token, now)) : null;
  // The secret of a token made just now, once: taking it clears it, so a reload shows it no more.
  const created = await takeRevealed(request, "token");
  return data({ own, everyone, created, confirming: new URL(request.url).searchParams.get("confirm") }, { headers: NO_STORE });
}

export const action = intentAction({
  create: async ({ actor, request, input }) => {
    // Post/Redirect/Get: the secret waits, encrypted, on this session's row for the next page,
    // which shows it once (decision 0030); it is never in a cookie, a URL or a cache.
    const { token, secret } = await createToken(actor, input);
    await revealOnNextPage(request, { kind: "token", id: token.id, name: token.name, secret });
    return { redirect: "/settings/tokens", flash: `The token “${token.name}” was created.` };
  },
  revoke: async ({ actor, form }) => {
    const token = await revokeToken(actor, String(form.get("tokenId") ?? ""));
    return { redirect: "/settings/tokens", flash: `The token ${quoteTitle(token.name)} was revoked. It no longer works.` };
  },
});

export default function Tokens() {
  const { own, everyone, created, confirming } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  // An admin's own token is in both tables; its confirmation shows in the first one only.
  const confirmingOwn = own.some((token) => token.id === confirming);
  return (
    <>
      <p>
        <Link to="/settings">← Settings</Link>
      </p>
      <h1>API tokens</h1>
      <p>
        Tokens let scripts and integrations call the JSON API as you: read the <a href="/api/docs">API documentation</a>.
      </p>
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
        {/* A new form after a create (with JavaScript the page is not reloaded): nothing typed is left in it. */}
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
