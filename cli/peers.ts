// The peers the bin loads before it can say anything: `@pulumi/pulumi` (the mock runtime the program
// runs under) and `@pulumi/policy` (the packs). `@pulumi/policy` is an optional peer, since a program
// that only uses the components never loads it, so npm installs the package without it; the bin then
// says which peer to install (exit 2, usage error) instead of crashing with a stack trace and exit 1,
// which CI reads as "mandatory violation".

/** Peers the bin loads (its one command, plan, needs both), in the order it loads them. */
export const BIN_PEERS = ["@pulumi/pulumi", "@pulumi/policy"] as const;

/** The peers `resolve` (require.resolve from the bin) cannot find; any other resolution error is not ours to judge. */
export function missingPeers(resolve: (id: string) => string, peers: readonly string[] = BIN_PEERS): string[] {
  return peers.filter((id) => {
    try {
      resolve(id);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException)?.code === "MODULE_NOT_FOUND";
    }
  });
}

/** One line naming what to install. */
export function missingPeersMessage(missing: readonly string[]): string {
  const noun = missing.length > 1 ? "peer dependencies" : "peer dependency";
  return `error: the azureml-platform bin needs the ${noun} ${missing.join(", ")}: npm install --save-dev ${missing.join(" ")}\n`;
}
