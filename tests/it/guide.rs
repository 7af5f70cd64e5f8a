//! Runs docs/organizers.md: writes its example files, runs every `$ ` command of its `console`
//! blocks in order in a fresh folder, and checks each exits 0 and prints the lines the guide shows
//! (a line ending in `…` matches any line with that start), so the guide cannot drift from the tool.
#![cfg(feature = "cli")]

use std::path::Path;
use std::process::Command;

struct Step {
    command: String,
    expected: Vec<String>,
}

fn parse(guide: &str) -> (Vec<(String, String)>, Vec<Step>) {
    let mut files = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    let mut lines = guide.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else { continue };
        let block: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
        if let Some(name) = info.split_whitespace().find_map(|w| w.strip_prefix("file=")) {
            files.push((name.to_string(), block.join("\n") + "\n"));
        } else if info.trim() == "console" {
            for l in block {
                match l.strip_prefix("$ ") {
                    Some(cmd) => steps.push(Step { command: cmd.to_string(), expected: Vec::new() }),
                    None => steps.last_mut().expect("output follows a command").expected.push(l.to_string()),
                }
            }
        }
    }
    (files, steps)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
fn every_command_in_the_organizers_guide_works_as_shown() {
    let root = env!("CARGO_MANIFEST_DIR");
    let guide = std::fs::read_to_string(format!("{root}/docs/organizers.md")).expect("guide");
    let (files, steps) = parse(&guide);
    assert!(steps.len() >= 8, "the guide shows its commands");
    let dir = std::env::temp_dir().join(format!("backstory-guide-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    // `pack` brands `dist/chromium` (from `make build`); a minimal built extension stands in.
    copy_dir(Path::new(&format!("{root}/tests/fixtures/pack-template")), &dir.join("dist/chromium"));
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write example file");
    }
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_backstory")).parent().expect("bin dir").to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    for step in steps {
        let out = Command::new("sh")
            .arg("-c")
            .arg(&step.command)
            .current_dir(&dir)
            .env("PATH", &path)
            .output()
            .expect("sh runs");
        let printed = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "`{}` failed:\n{printed}", step.command);
        for want in &step.expected {
            let found = match want.strip_suffix('…') {
                Some(start) => printed.lines().any(|l| l.starts_with(start)),
                None => printed.lines().any(|l| l == want),
            };
            assert!(found, "`{}` did not print {want:?}; it printed:\n{printed}", step.command);
        }
    }
}
