fn main() {
    shouhou_app::run()
}
