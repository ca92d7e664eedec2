//! The technology vocabulary in the database, kept in step with the vocabulary file that
//! ships in the scrubber crate (the file is the source; the tables serve joins and counts).

use std::collections::HashMap;

use diesel::prelude::*;
use scrubber::vocabulary::Vocabulary;

use super::schema::{technologies, technology_aliases};
use super::{DbConnection, DbResult};

/// Inserts new technologies, updates renamed ones and rewrites the alias table.
pub fn sync_vocabulary(conn: &mut DbConnection) -> DbResult<()> {
    let vocabulary = Vocabulary::builtin();
    conn.transaction(|conn| {
        let stored: HashMap<String, (String, String)> = technologies::table
            .select((
                technologies::slug,
                technologies::name,
                technologies::category,
            ))
            .load::<(String, String, String)>(conn)?
            .into_iter()
            .map(|(slug, name, category)| (slug, (name, category)))
            .collect();
        let mut changed = false;
        for tech in vocabulary.entries() {
            match stored.get(&tech.slug) {
                None => {
                    diesel::insert_into(technologies::table)
                        .values((
                            technologies::slug.eq(&tech.slug),
                            technologies::name.eq(&tech.name),
                            technologies::category.eq(&tech.category),
                        ))
                        .execute(conn)?;
                    changed = true;
                }
                Some((name, category)) if *name != tech.name || *category != tech.category => {
                    diesel::update(technologies::table.find(&tech.slug))
                        .set((
                            technologies::name.eq(&tech.name),
                            technologies::category.eq(&tech.category),
                        ))
                        .execute(conn)?;
                    changed = true;
                }
                Some(_) => {}
            }
        }
        if changed || stored.is_empty() {
            diesel::delete(technology_aliases::table).execute(conn)?;
            let mut seen = std::collections::HashSet::new();
            for tech in vocabulary.entries() {
                for alias in &tech.aliases {
                    let alias = alias.to_lowercase();
                    if seen.insert(alias.clone()) {
                        diesel::insert_into(technology_aliases::table)
                            .values((
                                technology_aliases::alias.eq(alias),
                                technology_aliases::technology_slug.eq(&tech.slug),
                            ))
                            .execute(conn)?;
                    }
                }
            }
        }
        Ok(())
    })
}
