import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("ml-platform-policy", { enforcementLevel: "mandatory", policies });
