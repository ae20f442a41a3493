// The access policy pack: `pulumi preview --policy-pack policies/access --policy-pack-config policies/access/config/<stack>.json`.
import { PolicyPack } from "@pulumi/policy";
import { accessPack } from "../packs";

new PolicyPack(accessPack.name, {
  description: accessPack.description,
  enforcementLevel: accessPack.enforcementLevel,
  policies: accessPack.policies,
});
