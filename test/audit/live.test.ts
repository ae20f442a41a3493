import { expect } from "chai";
import { pageRows } from "../../audit/live";

describe("audit/live: Resource Graph pages in either format", () => {
  it("takes an object array as it is and turns a table of columns and rows into objects", () => {
    expect(pageRows([{ id: "a" }])).to.deep.equal([{ id: "a" }]);
    expect(pageRows({ columns: [{ name: "id" }, { name: "type" }], rows: [["a", "t"], ["b", "u"]] })).to.deep.equal([{ id: "a", type: "t" }, { id: "b", type: "u" }]);
    expect(pageRows(undefined)).to.deep.equal([]);
    expect(pageRows({ columns: [] })).to.deep.equal([]);
  });
});
