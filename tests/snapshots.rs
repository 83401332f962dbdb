//! One snapshot of generated Rust per endpoint file, so a spec change reads as a diff
//! of that endpoint alone. Accept intended changes with `cargo insta review`.

use eko_tests::workspace_root;

#[test]
fn generated_code_of_each_endpoint() {
    let bundle = codegen::load_spec(&workspace_root().join("spec"))
        .unwrap_or_else(|errors| panic!("{errors}"));
    let rendered = codegen::render_endpoints(&bundle).unwrap_or_else(|errors| panic!("{errors}"));
    insta::glob!("../spec/endpoints", "**/*.toml", |path| {
        let id = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("endpoint files are named by id");
        let code = rendered
            .get(id)
            .unwrap_or_else(|| panic!("{} holds no endpoint `{id}`", path.display()));
        insta::assert_snapshot!(code);
    });
}
