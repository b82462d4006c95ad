fn main() -> std::process::ExitCode {
    shouhou_core::cli::main()
}
