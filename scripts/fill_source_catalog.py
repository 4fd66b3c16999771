"""Fills the English (source-language) catalog: its translations are the message ids themselves."""

from babel.messages.pofile import read_po, write_po

PATH = "locales/en/LC_MESSAGES/messages.po"

with open(PATH, "rb") as handle:
    catalog = read_po(handle, locale="en")
for message in catalog:
    if message.id:
        message.string = message.id
        message.flags.discard("fuzzy")
catalog.fuzzy = False
with open(PATH, "wb") as handle:
    write_po(handle, catalog, width=120)
