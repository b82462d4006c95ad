-- How a company's own Excel layout maps onto our import columns, remembered per import kind
-- ('customer', 'complaint', …) and header layout (SHA-256 of the header row), so the next file
-- with the same headers imports without asking again. A preference, not a business record:
-- replaced in place.
CREATE TABLE import_mapping (
    kind         TEXT NOT NULL,
    layout_hash  TEXT NOT NULL CHECK (length(layout_hash) = 64),
    mapping_json TEXT NOT NULL CHECK (json_valid(mapping_json)),
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (kind, layout_hash)
);
