// A real OpenID Connect provider for tests/e2e/test_signin_e2e.py: oidc-provider with its
// development login form (any login name is accepted and becomes the account's email).
// Usage: node provider.mjs PORT REDIRECT_URI CLIENT_ID CLIENT_SECRET
// Listens on 127.0.0.1 only; prints "ready" once it answers.
import Provider from "oidc-provider";

const [port, redirectUri, clientId, clientSecret] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [redirectUri.replace("/oauth2callback", "/")],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: id };
      },
    };
  },
  features: { devInteractions: { enabled: true } },
  // Put the email in the ID token itself (Streamlit reads st.user from it), not only userinfo.
  conformIdTokenClaims: false,
  cookies: { keys: ["workbench-test-only"] },
});
provider.proxy = false;
provider.listen(Number(port), "127.0.0.1", () => console.log("ready"));
