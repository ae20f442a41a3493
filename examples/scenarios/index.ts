// The scenario matrix runs the package's own config-driven program, as an adopter's index.ts would.
import { main } from "../../program/main";

export = main;
