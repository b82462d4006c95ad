//! Every integration test of the core in one test binary: one link instead of one per file
//! (each links the whole core and its dependencies), and one pool of test threads that stays
//! busy across files instead of waiting for each file's slowest test. A file here is a module;
//! run one with `cargo test -p shouhou-core --test integration <module>::`.

mod common;
mod pdf_read;

mod accounts;
mod attachments;
mod cli;
mod complaint_import;
mod complaints;
mod contractor;
mod contractor_forms;
mod contractor_print;
mod customer_import;
mod customers;
mod demo;
mod education;
mod entry;
mod export_typed;
mod form_toolkit;
mod forms;
mod import_mapping;
mod incidents;
mod list_order;
mod organisation;
mod report;
mod search_at_scale;
mod server;
mod service;
mod store;
mod surveys;
mod workers;

/// With `autotests = false` a new file in tests/ is not compiled unless it is declared above:
/// this fails instead of letting its tests silently never run.
#[test]
fn every_test_file_is_a_module_of_this_binary() {
    let main = include_str!("main.rs");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(module) = name.strip_suffix(".rs").filter(|m| *m != "main") {
            assert!(main.contains(&format!("\nmod {module};\n")), "tests/{name} is not declared in tests/main.rs");
        }
    }
}
