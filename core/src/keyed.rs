//! Enums stored by an English key and shown by a Chinese label: one definition gives the type
//! (serialised by key, exported to TypeScript), the list of values, the key, the label, and
//! parsing from either (imports read labels; a few common spellings are accepted as aliases).

/// `keyed_enum!(Name { Variant = "key" / "标签" | "别名", … })`
macro_rules! keyed_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $key:literal / $label:literal $(| $alias:literal)* ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export_to = "bindings.ts")]
        pub enum $name { $( $(#[$vmeta])* $variant ),* }

        impl $name {
            pub const ALL: [$name; [$($key),*].len()] = [$($name::$variant),*];

            /// The stored name (as serialised).
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),* }
            }

            /// The Chinese name users see and print.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            /// From the stored key, the Chinese label, or an accepted alias.
            pub fn parse(text: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.key() == text || v.label() == text || v.aliases().contains(&text))
            }

            /// Every label, joined for messages: "质量异常、非质量异常(人为)、其他".
            pub fn labels() -> String {
                $name::ALL.iter().map(|v| v.label()).collect::<Vec<_>>().join("、")
            }

            /// From a stored key; anything else means the database was written by something else.
            pub fn stored(key: &str) -> $crate::error::Result<$name> {
                $name::ALL
                    .into_iter()
                    .find(|v| v.key() == key)
                    .ok_or_else(|| $crate::error::Error::Corrupt(format!("{} {key}", stringify!($name))))
            }

            /// The labels for the UI, generated into bindings.ts:
            /// `export const stateLabels: Record<State, string> = { registered: '已登记', … }`.
            pub fn typescript_labels() -> String {
                let name = stringify!($name);
                let mut chars = name.chars();
                let first: String = chars.next().map(|c| c.to_lowercase().collect()).unwrap_or_default();
                let entries: Vec<String> =
                    $name::ALL.iter().map(|v| format!("  {}: '{}',", v.key(), v.label())).collect();
                format!(
                    "export const {first}{}Labels: Record<{name}, string> = {{\n{}\n}}\n",
                    chars.as_str(),
                    entries.join("\n")
                )
            }

            fn aliases(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($alias),*]),* }
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::error::Error;
            fn try_from(key: String) -> $crate::error::Result<$name> {
                $name::stored(&key)
            }
        }
    };
}

pub(crate) use keyed_enum;
