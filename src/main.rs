// `BUILTIN_LAYOUTS` and `BUILTIN_FONTS`: the files of layouts/ and fonts/ with the `builtin`
// feature, empty lists without it (written by build.rs; see src/assets/builtin.rs).
include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

fn main() {
    jianbao::assets::builtin::register(BUILTIN_LAYOUTS, BUILTIN_FONTS);
    std::process::exit(jianbao::cli::main());
}
