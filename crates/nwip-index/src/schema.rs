//! The tantivy schema of an nwip index: one text field per (kind, language), identifier keys,
//! filterable fast fields, the stored record and its near-duplicate bands.

use nwip_corpus::Record;
use nwip_text::Language;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, Value, FAST,
    STORED, STRING,
};
use tantivy::TantivyDocument;

use crate::analysis::tokenizer_name;
use crate::error::{Error, Result};

/// Languages that get their own text fields; every other language shares the `und` fields.
pub(crate) const FIELD_LANGUAGES: [Language; 4] =
    [Language::English, Language::French, Language::Russian, Language::Unknown];

/// Returns the language whose fields hold text in `language`.
pub(crate) fn field_language(language: Language) -> Language {
    if FIELD_LANGUAGES.contains(&language) {
        language
    } else {
        Language::Unknown
    }
}

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub(crate) schema: Schema,
    /// Build order of the record, the index into side files.
    pub(crate) ordinal: Field,
    /// The primary identifier as written (exact look-ups, member lists).
    pub(crate) id: Field,
    /// The document the record belongs to (see `nwip_corpus::identity`): grouping and members.
    pub(crate) document: Field,
    /// The record's role in its document: `edition`, `project` or `supplement`.
    pub(crate) role: Field,
    /// The catalogue's own stage code.
    pub(crate) stage: Field,
    /// Publication or circulation date as the record gives it.
    pub(crate) date: Field,
    /// Normalised document key of the primary identifier and of the other identifiers.
    pub(crate) key: Field,
    /// Family key (number without part).
    pub(crate) family: Field,
    pub(crate) org: Field,
    pub(crate) state: Field,
    pub(crate) committee: Field,
    /// ICS codes and all their ancestors.
    pub(crate) ics: Field,
    /// LSH band hashes of the record's sketch.
    pub(crate) bands: Field,
    /// The record as JSON.
    pub(crate) record: Field,
    /// The field languages (`en`, `fr`, `ru`, `und`) the record has no title in.
    pub(crate) missing_titles: Field,
    titles: [Field; 4],
    abstracts: [Field; 4],
}

impl Fields {
    pub(crate) fn new() -> Fields {
        let mut builder = Schema::builder();
        let ordinal = builder.add_u64_field(
            "ordinal",
            NumericOptions::default().set_fast().set_stored().set_indexed(),
        );
        let id = builder.add_text_field("id", STRING | FAST);
        let document = builder.add_text_field("document", STRING | FAST);
        let role = builder.add_text_field("role", STRING | FAST);
        let stage = builder.add_text_field("stage", STRING | FAST);
        let date = builder.add_text_field("date", STRING | FAST);
        let key = builder.add_text_field("key", STRING);
        let family = builder.add_text_field("family", STRING);
        let org = builder.add_text_field("org", STRING | FAST);
        let state = builder.add_text_field("state", STRING | FAST);
        let committee = builder.add_text_field("committee", STRING | FAST);
        let ics = builder.add_text_field("ics", STRING);
        let bands = builder.add_u64_field("bands", NumericOptions::default().set_indexed());
        // The record's JSON, stored as text: tantivy reads a stored text at once, and stored
        // bytes one byte at a time.
        let record = builder.add_text_field("record", STORED);
        let missing_titles = builder.add_text_field("missing_title", STRING);
        let text_options = |language: Language| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer_name(language))
                    .set_index_option(IndexRecordOption::WithFreqs),
            )
        };
        let titles = FIELD_LANGUAGES.map(|language| {
            builder.add_text_field(&format!("title_{}", language.code()), text_options(language))
        });
        let abstracts = FIELD_LANGUAGES.map(|language| {
            builder.add_text_field(&format!("abstract_{}", language.code()), text_options(language))
        });
        Fields {
            schema: builder.build(),
            ordinal,
            id,
            document,
            role,
            stage,
            date,
            key,
            family,
            org,
            state,
            committee,
            ics,
            bands,
            record,
            missing_titles,
            titles,
            abstracts,
        }
    }

    fn language_index(language: Language) -> usize {
        let language = field_language(language);
        FIELD_LANGUAGES.iter().position(|l| *l == language).unwrap_or(FIELD_LANGUAGES.len() - 1)
    }

    /// The title field of text in `language`.
    pub(crate) fn title(&self, language: Language) -> Field {
        self.titles[Self::language_index(language)]
    }

    /// The abstract field of text in `language`.
    pub(crate) fn abstract_field(&self, language: Language) -> Field {
        self.abstracts[Self::language_index(language)]
    }

    /// The ordinal and the record of a stored document.
    pub(crate) fn stored_record(&self, document: &TantivyDocument) -> Result<(u64, Record)> {
        let ordinal = document.get_first(self.ordinal).and_then(|v| v.as_u64()).unwrap_or(0);
        let json = document
            .get_first(self.record)
            .and_then(|v| v.as_str())
            .ok_or_else(|| Error::CorruptRecord("record field missing".into()))?;
        let record =
            serde_json::from_str(json).map_err(|error| Error::CorruptRecord(error.to_string()))?;
        Ok((ordinal, record))
    }
}

/// The settings every index is created with: documents sorted by build ordinal, so that a
/// build's document order (and with it the order of records whose scores tie) does not depend
/// on which indexing thread took a record or on the random names of the segments merged.
pub(crate) fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        sort_by_field: Some(tantivy::IndexSortByField {
            field: "ordinal".to_string(),
            order: tantivy::Order::Asc,
        }),
        ..tantivy::IndexSettings::default()
    }
}
