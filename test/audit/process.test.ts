import { expect } from "chai";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FAKE_CLIENT_SECRET, FAKE_IDENTITY_HEADER, FakeServer, startFakeAzure } from "./server";
import { SUB, tenant, withOutOfBandContributor } from "./tenant";

const ROOT = path.join(__dirname, "..", "..");
const CA = path.join(ROOT, "test", "fixtures", "tls", "cert.pem");

/**
 * The bin in its own process, signed in the way a developer's machine is: `--credential cli` runs
 * `az account get-access-token --output json --resource <ARM or Graph>` (@azure/identity's
 * AzureCliCredential). Here `az` is a script on PATH that prints the CLI's JSON, so nothing leaves
 * the machine; the server's certificate is trusted the way Node trusts a corporate CA, through
 * NODE_EXTRA_CA_CERTS, with no test hook in the process.
 */
function auditProcess(args: string[], azDir: string, extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-r", "sucrase/register/ts", path.join(ROOT, "cli", "azureml-platform.ts"), "audit", ...args], {
      cwd: ROOT,
      env: { PATH: `${azDir}${path.delimiter}${process.env.PATH}`, NODE_EXTRA_CA_CERTS: CA, AZ_LOG: path.join(azDir, "az.log"), HOME: azDir, ...extraEnv },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("azureml-platform audit as a process, signed in through the Azure CLI, a service principal or a managed identity", function () {
  this.timeout(60000);
  let azDir: string;
  let server: FakeServer;

  before(() => {
    azDir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-az-"));
    // What `az account get-access-token --output json` prints (Azure CLI ≥ 2.54 adds expires_on).
    fs.writeFileSync(
      path.join(azDir, "az"),
      `#!/bin/sh
echo "$@" >> "$AZ_LOG"
printf '{"accessToken":"cli-token","expiresOn":"2099-01-01 00:00:00.000000","expires_on":4070908800,"subscription":"${SUB}","tenant":"00000000-0000-0000-0000-00000000aaaa","tokenType":"Bearer"}\\n'
`,
      { mode: 0o755 },
    );
  });
  afterEach(async () => server && (await server.close()));

  for (const [label, state, expected] of [
    ["a clean tenant", tenant(), 0],
    ["an out-of-band Contributor", withOutOfBandContributor(), 1],
  ] as const) {
    it(`${label}: exits ${expected}, with the CLI's token for ARM and Graph on the endpoints given`, async () => {
      server = await startFakeAzure(state);
      fs.rmSync(path.join(azDir, "az.log"), { force: true });
      const config = `access=${path.join(ROOT, "policies", "access", "config", "prod.json")}`;
      const r = await auditProcess(["--subscription", SUB, "--policy-config", config, "--credential", "cli", "--arm-endpoint", server.url, "--graph-endpoint", server.url, "--json"], azDir);
      expect(r.code, r.stderr).to.equal(expected);
      expect(JSON.parse(r.stdout).summary.grants).to.be.greaterThan(0);
      expect([...server.tokens]).to.deep.equal(["cli-token"]);
      // One resource per service: the ARM base (also Resource Graph's) and Graph, the scope less `/.default`.
      const calls = fs.readFileSync(path.join(azDir, "az.log"), "utf8").trim().split("\n");
      expect(new Set(calls)).to.deep.equal(new Set([`account get-access-token --output json --resource ${server.url}`]));
    });
  }

  const TENANT = "00000000-0000-0000-0000-00000000aaaa";
  const CLIENT = "00000000-0000-0000-0000-00000000bbbb";
  // `--credential env`: a service principal's secret (EnvironmentCredential), signed in at the authority
  // AZURE_AUTHORITY_HOST names, as a private cloud configures it. MSAL would validate a host that is not a
  // cloud's own at login.microsoftonline.com first (instance discovery); the audit turns that off for
  // such an authority, so the only sign-in request goes to the configured one.
  for (const [label, secret, expected] of [
    ["a service principal's secret", FAKE_CLIENT_SECRET, 0],
    ["a wrong secret", "wrong", 2],
  ] as const) {
    it(`--credential env with ${label} at a private cloud's authority: exits ${expected}, nothing asked of login.microsoftonline.com`, async () => {
      server = await startFakeAzure(tenant());
      const r = await auditProcess(["--subscription", SUB, "--credential", "env", "--arm-endpoint", server.url, "--graph-endpoint", server.url, "--json"], azDir, {
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_SECRET: secret,
        AZURE_AUTHORITY_HOST: server.url,
      });
      expect(r.code, r.stderr).to.equal(expected);
      expect(server.requests[0]).to.equal(`GET /${TENANT}/v2.0/.well-known/openid-configuration`);
      expect(server.signIns.length).to.be.greaterThan(0);
      for (const signIn of server.signIns) expect(signIn).to.deep.include({ tenant: TENANT, clientId: CLIENT, grantType: "client_credentials", scope: `${server.url}/.default` });
      if (expected === 0) {
        expect([...server.tokens]).to.deep.equal([`entra-token:${CLIENT}`]);
        expect(JSON.parse(r.stdout).summary.subscriptions).to.equal(1);
      } else {
        expect(r.stderr).to.match(/^error: the audit could not read Azure: EnvironmentCredential authentication failed.*\n$/);
        expect(server.tokens.size).to.equal(0);
      }
    });
  }

  // `--credential managed-identity`: the host's identity endpoint (App Service and Functions expose
  // IDENTITY_ENDPOINT and IDENTITY_HEADER), a user-assigned identity chosen by AZURE_CLIENT_ID. No
  // metadata endpoint (169.254.169.254) is tried: the environment names the endpoint.
  // `default` (DefaultAzureCredential) gets there too: no secret, no federated token file, so its chain
  // reaches the managed identity, which the environment points at the endpoint.
  for (const kind of ["managed-identity", "default"]) {
    it(`--credential ${kind} with a user-assigned identity at the host's identity endpoint: exits 0`, async () => {
      server = await startFakeAzure(tenant());
      const r = await auditProcess(["--subscription", SUB, "--credential", kind, "--arm-endpoint", server.url, "--graph-endpoint", server.url, "--json"], azDir, {
        IDENTITY_ENDPOINT: `${server.url}/msi/token`,
        IDENTITY_HEADER: FAKE_IDENTITY_HEADER,
        AZURE_CLIENT_ID: CLIENT,
      });
      expect(r.code, r.stderr).to.equal(0);
      expect(server.requests[0]).to.equal("GET /msi/token");
      expect(server.signIns).to.deep.equal([{ tenant: "", clientId: CLIENT, scope: server.url, grantType: "managed_identity" }]);
      expect([...server.tokens]).to.deep.equal(["msi-token"]);
    });
  }

  it("exits 2 with one line when the CLI is not signed in", async () => {
    const notSignedIn = fs.mkdtempSync(path.join(os.tmpdir(), "fake-az-"));
    fs.writeFileSync(path.join(notSignedIn, "az"), `#!/bin/sh\necho "ERROR: Please run 'az login' to setup account." >&2\nexit 1\n`, { mode: 0o755 });
    server = await startFakeAzure(tenant());
    const r = await auditProcess(["--subscription", SUB, "--credential", "cli", "--arm-endpoint", server.url, "--graph-endpoint", server.url], notSignedIn);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/^error: the audit could not read Azure: .*az login.*\n$/);
    expect(server.requests).to.deep.equal([]);
  });
});
