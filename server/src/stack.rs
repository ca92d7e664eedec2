//! "Check my stack": recognises technologies and versions in a pasted dependency list
//! (Cargo.lock, package.json, requirements.txt, go.mod, docker-compose.yml, Helm values, or
//! one name per line). Pure functions: nothing pasted is stored or logged.

use scrubber::vocabulary::{Technology, Vocabulary};

/// A technology found in the pasted text, with the version it was pinned to, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub slug: String,
    pub name: String,
    pub version: Option<String>,
}

/// Which format the text looked like (shown back to the reader).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    CargoLock,
    PackageJson,
    GoMod,
    Containers,
    Requirements,
    PlainList,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::CargoLock => "Cargo.lock",
            Format::PackageJson => "package.json",
            Format::GoMod => "go.mod",
            Format::Containers => "docker-compose / Helm values",
            Format::Requirements => "requirements.txt",
            Format::PlainList => "a list of names",
        }
    }
}

fn clean_version(version: &str) -> Option<String> {
    let v = version
        .trim()
        .trim_matches(|c| c == '"' || c == '\'' || c == ',')
        .trim_start_matches(['^', '~', '=', '>', '<', 'v', ' '])
        .split([',', ' ', ';'])
        .next()
        .unwrap_or("");
    let v = v.trim_start_matches('v');
    (!v.is_empty() && v.chars().next().is_some_and(|c| c.is_ascii_digit())).then(|| v.to_string())
}

/// Names to try for a package: itself, its last path segment, and without common
/// language-binding prefixes and suffixes (`node-redis`, `redis-py`, `pg-promise`…).
fn candidates(name: &str) -> Vec<String> {
    let name = name
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .to_lowercase();
    let last = name.rsplit(['/', ':']).next().unwrap_or(&name).to_string();
    let mut out = vec![name.clone(), last.clone()];
    let unscoped = last.trim_start_matches('@').to_string();
    for prefix in [
        "node-", "py-", "python-", "go-", "rust-", "async-", "lib", "ruby-",
    ] {
        if let Some(rest) = unscoped.strip_prefix(prefix) {
            out.push(rest.to_string());
        }
    }
    for suffix in [
        "-py", "-rs", "-js", "-client", "-driver", "-go", "py", "js", "-sdk", "-rb", "-server",
    ] {
        if let Some(rest) = unscoped.strip_suffix(suffix) {
            out.push(rest.to_string());
        }
    }
    if let Some((first, _)) = unscoped.split_once(['-', '_', '.']) {
        out.push(first.to_string());
    }
    out.retain(|c| c.len() >= 2);
    out
}

fn recognise<'v>(vocabulary: &'v Vocabulary, name: &str) -> Option<&'v Technology> {
    candidates(name)
        .iter()
        .find_map(|c| vocabulary.lookup(c).map(|(t, _)| t))
}

/// (name, version) pairs in the text, by format.
fn packages(text: &str) -> (Format, Vec<(String, Option<String>)>) {
    let trimmed = text.trim_start();
    if text.contains("[[package]]") {
        let mut out = Vec::new();
        let mut name: Option<String> = None;
        for line in text.lines().map(str::trim) {
            if let Some(value) = line.strip_prefix("name = ") {
                name = Some(value.trim_matches('"').to_string());
            } else if let Some(value) = line.strip_prefix("version = ") {
                if let Some(n) = name.take() {
                    out.push((n, clean_version(value)));
                }
            }
        }
        return (Format::CargoLock, out);
    }
    if trimmed.starts_with('{') {
        if let Ok(serde_json::Value::Object(json)) = serde_json::from_str::<serde_json::Value>(text)
        {
            let mut out = Vec::new();
            for key in [
                "dependencies",
                "devDependencies",
                "peerDependencies",
                "optionalDependencies",
            ] {
                if let Some(serde_json::Value::Object(deps)) = json.get(key) {
                    for (name, version) in deps {
                        out.push((name.clone(), version.as_str().and_then(clean_version)));
                    }
                }
            }
            return (Format::PackageJson, out);
        }
    }
    if text.lines().any(|l| l.trim_start().starts_with("module ")) && text.contains("require") {
        let out = text
            .lines()
            .map(|l| {
                l.trim()
                    .trim_start_matches("require")
                    .trim()
                    .trim_start_matches('(')
                    .trim()
            })
            .filter(|l| l.contains('/') && !l.starts_with("//") && !l.starts_with("module"))
            .filter_map(|l| {
                let mut parts = l.split_whitespace();
                let path = parts.next()?;
                let path = path
                    .trim_end_matches(|c: char| c == '/' || c.is_ascii_digit())
                    .trim_end_matches("/v");
                Some((path.to_string(), parts.next().and_then(clean_version)))
            })
            .collect();
        return (Format::GoMod, out);
    }
    if text.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("image:") || l.starts_with("repository:")
    }) {
        let mut out = Vec::new();
        let mut pending_repository: Option<String> = None;
        for line in text.lines().map(str::trim) {
            if let Some(image) = line.strip_prefix("image:") {
                let image = image.trim().trim_matches(|c| c == '"' || c == '\'');
                if image.is_empty() {
                    continue;
                }
                let (name, tag) = match image.rsplit_once(':') {
                    Some((name, tag)) if !tag.contains('/') => (name, clean_version(tag)),
                    _ => (image, None),
                };
                out.push((name.to_string(), tag));
            } else if let Some(repository) = line.strip_prefix("repository:") {
                if let Some(previous) = pending_repository.take() {
                    out.push((previous, None));
                }
                pending_repository = Some(
                    repository
                        .trim()
                        .trim_matches(|c| c == '"' || c == '\'')
                        .to_string(),
                );
            } else if let Some(tag) = line.strip_prefix("tag:") {
                if let Some(repository) = pending_repository.take() {
                    out.push((repository, clean_version(tag)));
                }
            }
        }
        if let Some(repository) = pending_repository {
            out.push((repository, None));
        }
        return (Format::Containers, out);
    }
    let is_requirements = text
        .lines()
        .any(|l| l.contains("==") || l.contains(">=") || l.contains("~="));
    let out = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty() && !l.starts_with('-'))
        .map(|line| {
            if let Some(at) = line.find(['=', '>', '<', '~', '!', '[', ';']) {
                let version = line[at..].trim_start_matches(|c| "=><~![]; ".contains(c));
                (line[..at].trim().to_string(), clean_version(version))
            } else {
                let mut parts = line.split_whitespace();
                let name = parts.next().unwrap_or("").to_string();
                (name, parts.next().and_then(clean_version))
            }
        })
        .collect();
    (
        if is_requirements {
            Format::Requirements
        } else {
            Format::PlainList
        },
        out,
    )
}

/// Technologies in the text, in order of first mention, one per technology.
pub fn recognise_stack(text: &str) -> (Format, Vec<Found>) {
    let vocabulary = Vocabulary::builtin();
    let (format, packages) = packages(text);
    let mut found: Vec<Found> = Vec::new();
    for (name, version) in packages {
        if let Some(tech) = recognise(vocabulary, &name) {
            match found.iter_mut().find(|f| f.slug == tech.slug) {
                Some(existing) if existing.version.is_none() => existing.version = version,
                Some(_) => {}
                None => found.push(Found {
                    slug: tech.slug.clone(),
                    name: tech.name.clone(),
                    version,
                }),
            }
        }
    }
    (format, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slugs(text: &str) -> (Format, Vec<(String, Option<String>)>) {
        let (format, found) = recognise_stack(text);
        (
            format,
            found.into_iter().map(|f| (f.slug, f.version)).collect(),
        )
    }

    fn has(found: &[(String, Option<String>)], slug: &str, version: Option<&str>) -> bool {
        found
            .iter()
            .any(|(s, v)| s == slug && v.as_deref() == version)
    }

    #[test]
    fn cargo_lock() {
        let (format, found) = slugs("[[package]]\nname = \"tokio\"\nversion = \"1.38.0\"\n\n[[package]]\nname = \"redis\"\nversion = \"0.25.4\"\n\n[[package]]\nname = \"diesel\"\nversion = \"2.2.0\"\n");
        assert_eq!(format, Format::CargoLock);
        assert!(has(&found, "redis", Some("0.25.4")), "{found:?}");
    }

    #[test]
    fn package_json() {
        let (format, found) = slugs(
            r#"{"name": "app", "dependencies": {"express": "^4.18.2", "redis": "~4.6.0", "pg": "8.11.0"}, "devDependencies": {"jest": "29"}}"#,
        );
        assert_eq!(format, Format::PackageJson);
        assert!(has(&found, "redis", Some("4.6.0")), "{found:?}");
        assert!(has(&found, "postgresql", Some("8.11.0")), "{found:?}");
    }

    #[test]
    fn requirements_txt() {
        let (format, found) = slugs("# web\nDjango==4.2.7\nredis>=5.0\npsycopg2-binary==2.9.9 ; python_version > '3.8'\ncelery[redis]~=5.3\n");
        assert_eq!(format, Format::Requirements);
        assert!(has(&found, "django", Some("4.2.7")), "{found:?}");
        assert!(has(&found, "redis", Some("5.0")), "{found:?}");
    }

    #[test]
    fn go_mod() {
        let (format, found) = slugs("module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/redis/go-redis/v9 v9.5.1\n\tgithub.com/lib/pq v1.10.9\n\tgo.etcd.io/etcd/client/v3 v3.5.12\n)\n");
        assert_eq!(format, Format::GoMod);
        assert!(has(&found, "redis", Some("9.5.1")), "{found:?}");
    }

    #[test]
    fn docker_compose_and_helm_values() {
        let (format, found) = slugs("services:\n  db:\n    image: postgres:15-alpine\n  cache:\n    image: \"redis:7.2\"\n  proxy:\n    image: nginx\n");
        assert_eq!(format, Format::Containers);
        assert!(
            has(&found, "postgresql", Some("15-alpine")) || has(&found, "postgresql", Some("15")),
            "{found:?}"
        );
        assert!(has(&found, "redis", Some("7.2")), "{found:?}");
        assert!(has(&found, "nginx", None), "{found:?}");
        let (_, found) =
            slugs("image:\n  registry: docker.io\n  repository: bitnami/kafka\n  tag: 3.6.1\n");
        assert!(has(&found, "kafka", Some("3.6.1")), "{found:?}");
    }

    #[test]
    fn plain_list() {
        let (format, found) = slugs("PostgreSQL 14\nk8s 1.27\nsomething unknown\n\nnginx\n");
        assert_eq!(format, Format::PlainList);
        assert!(has(&found, "postgresql", Some("14")), "{found:?}");
        assert!(has(&found, "kubernetes", Some("1.27")), "{found:?}");
        assert!(has(&found, "nginx", None));
        assert_eq!(found.len(), 3);
    }
}
