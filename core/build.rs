// Migrations are embedded with `sqlx::migrate!`; a new migration file must trigger a rebuild.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
