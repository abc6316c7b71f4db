fn main() {
    std::process::exit(jianbao::cli::main());
}
