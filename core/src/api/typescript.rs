//! The files generated from the command declaration: the UI's typed client, the shell's list of
//! command names (its app manifest, hence the ACL) and the window's capability file. A test
//! (tests/bindings.rs) compares each with the committed file and rewrites it on request.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::{COMMANDS, CommandInfo, camel_case};

const HEADER: &str = "Generated from core/src/api/commands.rs by tests/bindings.rs. Do not edit by hand:\n\
                      UPDATE_BINDINGS=1 cargo test --test bindings";

/// Plugin permissions the window has besides the app's own commands.
const PLUGIN_PERMISSIONS: &[&str] = &["core:default", "dialog:allow-save", "dialog:allow-open", "dialog:allow-message"];

/// `ui/src/api/commands.ts`: one typed function per command, grouped as the shell's modules are.
pub fn typescript_client(cfg: &ts_rs::Config) -> String {
    let mut groups: Vec<(&str, Vec<&CommandInfo>)> = Vec::new();
    for c in COMMANDS {
        match groups.iter_mut().find(|(g, _)| *g == c.group) {
            Some((_, list)) => list.push(c),
            None => groups.push((c.group, vec![c])),
        }
    }
    let mut types = BTreeSet::new();
    let mut body = String::new();
    body.push_str("export const commands = {\n");
    for (group, list) in &groups {
        let _ = writeln!(body, "  {}: {{", camel_case(group));
        for c in list {
            if !c.docs.is_empty() {
                let text: Vec<&str> = c.docs.iter().map(|line| line.trim()).collect();
                let _ = writeln!(body, "    /** {} */", text.join(" "));
            }
            let args = (c.args)(cfg);
            let returns = (c.returns)(cfg);
            for (_, ty) in &args {
                types.extend(type_names(ty));
            }
            types.extend(type_names(&returns));
            let params: Vec<String> = args.iter().map(|(n, ty)| format!("{}: {ty}", camel_case(n))).collect();
            let object = if args.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = args.iter().map(|(n, _)| camel_case(n)).collect();
                format!(", {{ {} }}", names.join(", "))
            };
            let _ = writeln!(
                body,
                "    {}: ({}) => call<{returns}>('{}'{object}),",
                camel_case(c.method),
                params.join(", "),
                c.name
            );
        }
        body.push_str("  },\n");
    }
    body.push_str("}\n");

    let mut out = String::new();
    for line in HEADER.lines() {
        let _ = writeln!(out, "// {}", line.trim());
    }
    out.push_str("import { call } from './transport'\n");
    if !types.is_empty() {
        let list: Vec<&str> = types.iter().map(String::as_str).collect();
        let _ = writeln!(out, "import type {{ {} }} from './bindings'", list.join(", "));
    }
    out.push('\n');
    out.push_str(&body);
    out
}

/// The named types a TypeScript type expression refers to (`Array<Foo> | null` → Foo).
fn type_names(ty: &str) -> Vec<String> {
    const BUILTIN: &[&str] =
        &["string", "number", "boolean", "null", "void", "undefined", "ArrayBuffer", "Array", "Record", "bigint"];
    ty.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_lowercase()))
        .filter(|w| !BUILTIN.contains(w))
        .map(str::to_owned)
        .collect()
}

/// `src-tauri/src/commands/names.rs`: read by the shell's build script into the app manifest.
pub fn names_rs() -> String {
    let mut out = String::new();
    for line in HEADER.lines() {
        let _ = writeln!(out, "// {}", line.trim());
    }
    out.push_str("//\n// Every app command by name, for build.rs: the app manifest, hence the capability ACL.\n\n");
    out.push_str("pub const ALL: &[&str] = &[\n");
    for c in COMMANDS {
        let _ = writeln!(out, "    \"{}\",", c.name);
    }
    out.push_str("];\n");
    out
}

/// `capabilities/main.json`: the main window may call exactly the declared commands.
pub fn capability_json() -> String {
    let mut permissions: Vec<String> = PLUGIN_PERMISSIONS.iter().map(|p| (*p).to_owned()).collect();
    permissions.extend(COMMANDS.iter().map(|c| format!("allow-{}", c.name.replace('_', "-"))));
    let list: Vec<String> = permissions.iter().map(|p| format!("    \"{p}\"")).collect();
    format!(
        "{{\n  \"$schema\": \"../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"main\",\n  \
         \"description\": \"The main window: the app's declared commands (generated from core/src/api/commands.rs), the core event/window basics, and the file and message dialogs.\",\n  \
         \"windows\": [\"main\"],\n  \"permissions\": [\n{}\n  ]\n}}\n",
        list.join(",\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_skip_builtins() {
        assert_eq!(type_names("Array<Foo> | null"), vec!["Foo"]);
        assert_eq!(type_names("ArrayBuffer"), Vec::<String>::new());
        assert_eq!(type_names("Actor | null"), vec!["Actor"]);
    }

    #[test]
    fn the_client_calls_each_command_with_camel_case_arguments() {
        let ts = typescript_client(&ts_rs::Config::new().with_large_int("number"));
        assert!(ts.contains("merge: (duplicateId: number, survivorId: number) => call<Customer>('customer_merge', { duplicateId, survivorId }),"), "{ts}");
        assert!(ts.contains(
            "pdfPreview: (id: number, form: ComplaintForm) => call<ArrayBuffer>('complaint_pdf_preview', { id, form }),"
        ));
        assert!(ts.contains("signOut: () => call<void>('session_sign_out'),"));
    }
}
