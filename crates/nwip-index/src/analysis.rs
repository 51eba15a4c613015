//! tantivy tokenizers that delegate to [`nwip_text::Analyzer`], one per language.
//!
//! The index and the scorer must agree on what a term is, so tantivy does not analyse text itself:
//! each text field's tokenizer calls the same analyzer the scorer uses.

use std::sync::Arc;

use nwip_text::{Analyzer, Language};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name a language's tokenizer is registered under.
pub(crate) fn tokenizer_name(language: Language) -> &'static str {
    match language {
        Language::English => "nwip_en",
        Language::French => "nwip_fr",
        Language::Russian => "nwip_ru",
        Language::German => "nwip_de",
        Language::Spanish => "nwip_es",
        Language::Unknown => "nwip_und",
    }
}

/// Registers the tokenizer of every language on `index`.
pub(crate) fn register_tokenizers(index: &tantivy::Index) {
    let analyzer = Arc::new(Analyzer::new());
    for language in Language::ALL {
        let tokenizer =
            LanguageTokenizer { language, analyzer: analyzer.clone(), tokens: Vec::new() };
        index.tokenizers().register(tokenizer_name(language), tokenizer);
    }
}

#[derive(Clone)]
struct LanguageTokenizer {
    language: Language,
    analyzer: Arc<Analyzer>,
    tokens: Vec<Token>,
}

struct LanguageTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    index: usize,
}

impl Tokenizer for LanguageTokenizer {
    type TokenStream<'a> = LanguageTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> LanguageTokenStream<'a> {
        self.tokens.clear();
        let tokens = &mut self.tokens;
        self.analyzer.for_each_token(text, self.language, |token| {
            tokens.push(Token {
                offset_from: token.offset_from,
                offset_to: token.offset_to,
                position: token.position as usize,
                text: token.term,
                position_length: 1,
            });
        });
        LanguageTokenStream { tokens: &mut self.tokens, index: 0 }
    }
}

impl TokenStream for LanguageTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.index += 1;
        self.index <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.index - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.index - 1]
    }
}
