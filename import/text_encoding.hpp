// text_encoding: turns the bytes of an imported file into valid UTF-8 (UTF-8 checked, Latin-1 and Windows-1252 converted).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace opinia::import {

enum class text_encoding {
    utf8,         // checked, never altered: invalid input is refused, not guessed at
    latin1,       // ISO-8859-1, with the repair of legacy DOS bytes described at latin1_to_utf8
    windows1252,  // strict Windows-1252: 0x80-0x9F are its punctuation (’ “ ” – … €)
};

// "utf-8"/"utf8", "latin-1"/"latin1"/"iso-8859-1", "windows-1252"/"cp1252" (any case); nullopt otherwise.
std::optional<text_encoding> parse_text_encoding(std::string_view name);

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence.
bool is_valid_utf8(std::string_view bytes);

// Latin-1 → UTF-8, read per field (one CSV cell). 0xA0-0xFF are Latin-1. Bytes 0x80-0x9F are
// C1 control codes in ISO-8859-1 and never text, and in real French exports (the garden-centre
// survey in shared/data) they are the accented letters of DOS code page 850 pasted into Latin-1
// text: 0x82 "é" in "\x82change", 0x8A "è", 0x85 "à", 0x87 "ç", 0x83 "â". Decoding them as
// Windows-1252 would store "‚change". So:
// - 0x80 right after a digit (or a digit and a space) is the Windows-1252 euro sign ("15\x80" → "15€");
// - a field with C1 bytes but no Latin-1 small letters (0xE0-0xFF) is DOS text throughout and
//   is read wholly as CP850 ("\x80A SERAIT ... \xB7 VOS" → "ÇA SERAIT ... À VOS");
// - otherwise 0xA0-0xFF stay Latin-1 and each C1 byte is read as CP850.
// A few DOS comments with no C1 byte at all ("TR\xD4S" for "TRÈS") cannot be told from Latin-1
// and are read as Latin-1.
// The result is always valid UTF-8.
std::string latin1_to_utf8(std::string_view bytes);

// Windows-1252 → UTF-8; its five undefined bytes become U+FFFD.
std::string windows1252_to_utf8(std::string_view bytes);

// UTF-8 text of `bytes` read in `encoding`; nullopt when `encoding` is UTF-8 and `bytes` is not valid UTF-8.
std::optional<std::string> to_utf8(std::string_view bytes, text_encoding encoding);

}  // namespace opinia::import
