// The deployability policy pack: `pulumi preview --policy-pack policies/deploy --policy-pack-config policies/deploy/config/<stack>.json`.
import { PolicyPack } from "@pulumi/policy";
import { deployPack } from "../packs";

new PolicyPack(deployPack.name, {
  description: deployPack.description,
  enforcementLevel: deployPack.enforcementLevel,
  policies: deployPack.policies,
});
