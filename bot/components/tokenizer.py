"""A whitespace tokenizer that folds spelling variants parents type: accents, Turkish dotless i, Arabic letter forms."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

ARABIC_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
ARABIC_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
LATIN_FOLDS = str.maketrans({"ı": "i", "ß": "ss", "œ": "oe", "æ": "ae"})
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def fold(text: str) -> str:
    """Returns the text lowercased, without accents or Arabic diacritics, with letter variants unified."""
    text = ARABIC_DIACRITICS.sub("", text.lower()).translate(ARABIC_FOLDS).translate(LATIN_FOLDS).translate(DIGITS)
    decomposed = unicodedata.normalize("NFKD", text)
    # Only Latin-script marks are dropped; Arabic letters decompose to themselves.
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class FoldingTokenizer(WhitespaceTokenizer):
    """Splits on whitespace like Rasa's tokenizer, then folds every token."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Returns the whitespace tokenizer's defaults."""
        return WhitespaceTokenizer.get_default_config()

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        """Tokenizes like the whitespace tokenizer and folds each token's text (the featurizers read the lemma)."""
        tokens = super().tokenize(message, attribute)
        for token in tokens:
            token.text = token.lemma = fold(token.text)
        return tokens
