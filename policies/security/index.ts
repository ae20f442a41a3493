// The security policy pack: `pulumi preview --policy-pack policies/security --policy-pack-config policies/security/config/<stack>.json`.
import { PolicyPack } from "@pulumi/policy";
import { securityPack } from "../packs";

new PolicyPack(securityPack.name, {
  description: securityPack.description,
  enforcementLevel: securityPack.enforcementLevel,
  policies: securityPack.policies,
});
