//! What the import plans must generate: a page whose fields pass the generator's
//! validation but whose derived Rust names meet is stopped before anything is written,
//! naming the page. (Found by the `page_importer` fuzz target: `fuzz/`.)

#[path = "fixtures/support.rs"]
#[allow(dead_code)] // each test crate uses part of the shared helpers
mod support;

use std::fs;
use support::{TempSpec, fixture};
use xtask::import::{self, Failure};

/// The fixture page `close-shop.md` with `key` added to its example response's
/// payload, in a docs folder of its own.
fn close_shop_with(key_and_value: &str) -> (tempdir::Dir, Vec<std::path::PathBuf>) {
    let page = fs::read_to_string(fixture("pages/2030-02-01/close-shop.md")).expect("fixture");
    let marker = "    \"closed_at\"";
    assert!(
        page.contains(marker),
        "the fixture's example response changed"
    );
    let page = page.replacen(marker, &format!("    {key_and_value},\n{marker}"), 1);
    let dir = tempdir::Dir::new("2030-02-01");
    let path = dir.path.join("close-shop.md");
    fs::write(&path, page).expect("write page");
    (dir, vec![path])
}

fn assert_stopped(key_and_value: &str, clash: &str) {
    let spec = TempSpec::new();
    let (_docs, inputs) = close_shop_with(key_and_value);
    match import::import(&spec.dir, &inputs) {
        Err(Failure::Invalid(errors)) => {
            let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            assert!(
                lines.iter().any(|line| line.starts_with("close-shop.md:")
                    && line.contains(clash)
                    && line.contains("the generator would reject it")),
                "{lines:#?}"
            );
        }
        Err(other) => panic!("expected page errors, got {other}"),
        Ok(_) => panic!("a page whose generated types clash was imported"),
    }
    assert!(
        spec.endpoint_files().is_empty(),
        "a failed import wrote files"
    );
}

#[test]
fn an_example_key_spelled_differently_from_a_documented_one_is_stopped() {
    // Eko's examples sometimes camel-case a key the table documents in snake case:
    // both fields' item types would be `CloseShopShopStateListItem`.
    assert_stopped(
        r#""shopStateList": [{"state": 1}]"#,
        "CloseShopShopStateListItem",
    );
}

#[test]
fn a_payload_field_named_data_is_stopped() {
    // Its object type would be `CloseShopData`, the name of the payload type itself.
    assert_stopped(r#""data": {"x": 1}"#, "CloseShopData");
}

#[test]
fn the_fixture_page_itself_imports() {
    let spec = TempSpec::new();
    let (_docs, inputs) = close_shop_with(r#""closed_by": "agent""#);
    import::import(&spec.dir, &inputs).expect("the page imports");
}

/// A folder in the system temp dir named like a docs version, removed when dropped.
mod tempdir {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    pub struct Dir {
        pub path: PathBuf,
    }

    impl Dir {
        pub fn new(version: &str) -> Dir {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let unique = format!(
                "xtask-generates-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::SeqCst)
            );
            let path = std::env::temp_dir().join(unique).join(version);
            std::fs::create_dir_all(&path).expect("create docs folder");
            Dir { path }
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            if let Some(parent) = self.path.parent() {
                let _ = std::fs::remove_dir_all(parent);
            }
        }
    }
}
