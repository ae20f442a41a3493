import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { SECRET_MARKER, UNKNOWN_MARKER } from "../../core/markers";

describe("core/markers: how a plan result writes what a preview cannot show", () => {
  it("spells the markers the published plan-result schema documents", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "../../plan/plan-result.schema.json"), "utf8"));
    const outputs: string = schema.properties.outputs.description;
    expect(outputs).to.include(`"${UNKNOWN_MARKER}"`).and.include(`"${SECRET_MARKER}"`);
    expect(UNKNOWN_MARKER).to.not.equal(SECRET_MARKER);
  });
});
