// The scenario matrix runs the package's own config-driven program.
export = require("../../index");
