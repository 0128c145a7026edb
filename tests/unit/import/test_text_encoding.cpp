// Tests for text_encoding: UTF-8 validation, Latin-1 with its DOS repair (on real rows), Windows-1252.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "import/csv_reader.hpp"
#include "import/text_encoding.hpp"

using namespace opinia::import;

TEST_CASE("UTF-8 validation", "[encoding][utf8]") {
    struct example {
        const char* name;
        std::string bytes;
        bool valid;
    };
    const std::vector<example> examples{
        {"ASCII", "hello", true},
        {"empty", "", true},
        {"2-byte é", "tr\xc3\xa8s", true},
        {"3-byte €", "\xe2\x82\xac", true},
        {"4-byte emoji", "\xf0\x9f\x91\x8d", true},
        {"Latin-1 é alone", "caf\xe9", false},
        {"C3 28 (H11)", "\xc3\x28", false},
        {"truncated at the end", "\xe2\x82", false},
        {"overlong slash", "\xc0\xaf", false},
        {"overlong 3-byte", "\xe0\x80\xaf", false},
        {"surrogate", "\xed\xa0\x80", false},
        {"above U+10FFFF", "\xf4\x90\x80\x80", false},
        {"stray continuation", "\x80", false},
    };
    for (const auto& e : examples) {
        SECTION(e.name) {
            CHECK(is_valid_utf8(e.bytes) == e.valid);
            CHECK(to_utf8(e.bytes, text_encoding::utf8).has_value() == e.valid);
        }
    }
}

TEST_CASE("Latin-1 to UTF-8", "[encoding][latin1]") {
    struct example {
        const char* name;
        std::string bytes;
        std::string utf8;
    };
    const std::vector<example> examples{
        {"plain Latin-1", "tr\xe8s d\xe9lai", "tr\xc3\xa8s d\xc3\xa9lai"},
        {"NBSP and ÿ", "\xa0\xff", "\xc2\xa0\xc3\xbf"},
        {"0x82 is the DOS é, not ‚", "\x82" "change", "\xc3\xa9" "change"},
        {"DOS bytes beside Latin-1 ones", "achet\xe9 \x82" "change", "achet\xc3\xa9 \xc3\xa9" "change"},
        {"0x80 after a digit is €", "15\x80 et 6 \x80 ", "15\xe2\x82\xac et 6 \xe2\x82\xac "},
        {"0x80 after a digit is € beside Latin-1", "pay\xe9 15\x80", "pay\xc3\xa9 15\xe2\x82\xac"},
        {"0x80 elsewhere is the DOS Ç", "\x80" "a fait d\xe9j\xe0", "\xc3\x87" "a fait d\xc3\xa9j\xc3\xa0"},
        {"a DOS-only field is CP850 throughout", "\x80" "A \x90T\x90 \xb7 VOUS",
         "\xc3\x87" "A \xc3\x89T\xc3\x89 \xc3\x80 VOUS"},
        {"no C1 byte: plain Latin-1", "\xb7 \xc9T\xc9", "\xc2\xb7 \xc3\x89T\xc3\x89"},
    };
    for (const auto& e : examples) {
        SECTION(e.name) {
            const auto out = latin1_to_utf8(e.bytes);
            CHECK(out == e.utf8);
            CHECK(is_valid_utf8(out));
        }
    }
}

TEST_CASE("Every byte sequence decodes to valid UTF-8 from Latin-1 and Windows-1252", "[encoding]") {
    std::string all;
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
    CHECK(is_valid_utf8(latin1_to_utf8(all)));
    CHECK(is_valid_utf8(windows1252_to_utf8(all)));
}

TEST_CASE("Windows-1252 keeps its punctuation", "[encoding][cp1252]") {
    CHECK(windows1252_to_utf8("l\x92" "eau \x96 15\x80 \x85") == "l\xe2\x80\x99" "eau \xe2\x80\x93 15\xe2\x82\xac \xe2\x80\xa6");
    CHECK(windows1252_to_utf8("\x81") == "\xef\xbf\xbd");
    CHECK(windows1252_to_utf8("\xe9") == "\xc3\xa9");
}

TEST_CASE("Encoding names", "[encoding]") {
    CHECK(parse_text_encoding("utf-8") == text_encoding::utf8);
    CHECK(parse_text_encoding("UTF8") == text_encoding::utf8);
    CHECK(parse_text_encoding("latin-1") == text_encoding::latin1);
    CHECK(parse_text_encoding("ISO-8859-1") == text_encoding::latin1);
    CHECK(parse_text_encoding("windows-1252") == text_encoding::windows1252);
    CHECK_FALSE(parse_text_encoding("ebcdic"));
}

namespace {
// The comment ("explication") of a data row of the real garden-centre export, as raw bytes.
std::string real_comment(const std::string& row_label) {
    std::ifstream in(OPINIA_SHARED_DIR "/data/fr-garden-nps/nps.csv", std::ios::binary);
    REQUIRE(in);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const auto content = buffer.str();
    csv_reader reader(content);
    csv_record record;
    while (reader.next(record))
        if (!record.fields.empty() && record.fields[0] == row_label) return record.fields.at(5);
    FAIL("row " << row_label << " not found");
    return {};
}
}  // namespace

TEST_CASE("Real rows of the garden-centre export come out as correct French", "[encoding][real]") {
    struct example {
        const char* row;
        std::vector<std::string> contains;
    };
    const std::vector<example> examples{
        // Plain Latin-1.
        {"2", {"Il y a tr\xc3\xa8s peu de caisse ouverte et le d\xc3\xa9lai d'attente est particuli\xc3\xa8rement long"}},
        // Latin-1 and DOS bytes in one comment: 0xE9 and 0x82 are both "é".
        {"4", {"j'ai achet\xc3\xa9 une vigne", "pour \xc3\xa9" "change", "en esp\xc3\xa9rant"}},
        // "15\x80" is a price in euros.
        {"15", {"bon de r\xc3\xa9" "duction de 15\xe2\x82\xac que"}},
        // A comment typed wholly on a DOS machine.
        {"6587", {"\xc3\x87" "A SERAIT BIEN", "FID\xc3\x89LIT\xc3\x89 \xc3\x80 VOS CLIENTS"}},
    };
    for (const auto& e : examples) {
        SECTION(std::string("row ") + e.row) {
            const auto text = latin1_to_utf8(real_comment(e.row));
            CHECK(is_valid_utf8(text));
            for (const auto& part : e.contains) CHECK_THAT(text, Catch::Matchers::Contains(part));
            // None of the C1 control characters (U+0080-U+009F, C2 80-C2 9F in UTF-8) survive.
            bool has_c1 = false;
            for (std::size_t i = 0; i + 1 < text.size(); ++i)
                has_c1 |= static_cast<unsigned char>(text[i]) == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
            CHECK_FALSE(has_c1);
        }
    }
}
