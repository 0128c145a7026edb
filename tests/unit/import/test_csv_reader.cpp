// Tests for csv_reader: RFC 4180 quoting, line endings, delimiters and the lenient corners.
#include <catch2/catch.hpp>

#include "import/csv_reader.hpp"

using opinia::import::csv_reader;
using opinia::import::csv_record;

namespace {
std::vector<std::vector<std::string>> read_all(std::string_view text, char delimiter = ',') {
    csv_reader reader(text, delimiter);
    csv_record record;
    std::vector<std::vector<std::string>> out;
    while (reader.next(record)) out.push_back(record.fields);
    return out;
}
using rows = std::vector<std::vector<std::string>>;
}  // namespace

TEST_CASE("CSV records are split as RFC 4180 says", "[csv]") {
    struct example {
        const char* name;
        std::string text;
        char delimiter;
        rows expected;
    };
    const std::vector<example> examples{
        {"plain", "a,b,c\n1,2,3\n", ',', {{"a", "b", "c"}, {"1", "2", "3"}}},
        {"no final line break", "a,b\n1,2", ',', {{"a", "b"}, {"1", "2"}}},
        {"CRLF", "a,b\r\n1,2\r\n", ',', {{"a", "b"}, {"1", "2"}}},
        {"lone CR (old Mac)", "a,b\r1,2\r", ',', {{"a", "b"}, {"1", "2"}}},
        {"quoted with delimiter", "\"a,b\",c\n", ',', {{"a,b", "c"}}},
        {"doubled quotes", "\"say \"\"hi\"\"\",x\n", ',', {{"say \"hi\"", "x"}}},
        {"line break inside quotes", "\"one\ntwo\",3\n", ',', {{"one\ntwo", "3"}}},
        {"CRLF inside quotes kept", "\"one\r\ntwo\",3\r\n", ',', {{"one\r\ntwo", "3"}}},
        {"empty fields", ",,\n", ',', {{"", "", ""}}},
        {"empty quoted field", "\"\",x\n", ',', {{"", "x"}}},
        {"semicolon delimiter", "a;\"b;c\";d\n", ';', {{"a", "b;c", "d"}}},
        {"tab delimiter", "a\tb\n", '\t', {{"a", "b"}}},
        {"blank lines are not records", "a\n\n\r\nb\n", ',', {{"a"}, {"b"}}},
        {"a quote inside an unquoted field is kept", "ab\"c,d\n", ',', {{"ab\"c", "d"}}},
        {"text after a closing quote is kept", "\"ab\"c,d\n", ',', {{"abc", "d"}}},
        {"bytes pass through untouched", "caf\xe9,\xc3\xa9\n", ',', {{"caf\xe9", "\xc3\xa9"}}},
        {"empty input", "", ',', {}},
    };
    for (const auto& e : examples) {
        SECTION(e.name) { CHECK(read_all(e.text, e.delimiter) == e.expected); }
    }
}

TEST_CASE("Records know the line they start on", "[csv]") {
    csv_reader reader("h1,h2\n\"a\nb\",1\nc,2\n");
    csv_record record;
    REQUIRE(reader.next(record));
    CHECK(record.line == 1);
    REQUIRE(reader.next(record));
    CHECK(record.line == 2);
    REQUIRE(reader.next(record));
    CHECK(record.line == 4);
    CHECK(record.fields == std::vector<std::string>{"c", "2"});
    CHECK_FALSE(reader.next(record));
}

TEST_CASE("An unterminated quote swallows the rest and is flagged", "[csv]") {
    csv_reader reader("a,b\n1,\"open\n2,3\n");
    csv_record record;
    REQUIRE(reader.next(record));
    CHECK_FALSE(record.unterminated_quote);
    REQUIRE(reader.next(record));
    CHECK(record.unterminated_quote);
    CHECK(record.fields == std::vector<std::string>{"1", "open\n2,3\n"});
    CHECK_FALSE(reader.next(record));
}

TEST_CASE("A reused record shrinks to the new field count", "[csv]") {
    csv_reader reader("a,b,c\nd\n");
    csv_record record;
    REQUIRE(reader.next(record));
    CHECK(record.fields.size() == 3);
    REQUIRE(reader.next(record));
    CHECK(record.fields == std::vector<std::string>{"d"});
}
