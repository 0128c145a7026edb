// Tests for answer_parser: typed scores, choices and comments in English and Polish (cases H02, H11, H13).
#include <catch2/catch.hpp>

#include "bot/answer_parser.hpp"
#include "bot/utf8_text.hpp"

using opinia::bot::answer_parser;
using opinia::bot::choice_option;
using nlohmann::json;

namespace {

struct accepted {
    const char* text;
    int min, max;
    int value;
    const char* method;
    const char* remainder;
};

struct refused {
    const char* text;
    int min, max;
    const char* problem;
};

}  // namespace

TEST_CASE("read_scale accepts scores the way people type them", "[answer_parser]") {
    const accepted cases[] = {
        {"9", 0, 10, 9, "digits", ""},
        {" 9 ", 0, 10, 9, "digits", ""},
        {"0", 0, 10, 0, "digits", ""},  // H01: a zero is an answer
        {"10", 0, 10, 10, "digits", ""},
        {"07", 0, 10, 7, "digits", ""},
        {"9/10", 0, 10, 9, "digits_out_of", ""},
        {"9 / 10", 0, 10, 9, "digits_out_of", ""},
        {"8 out of 10", 0, 10, 8, "digits_out_of", ""},
        {"8 Out Of 10", 0, 10, 8, "digits_out_of", ""},
        {"8 of 10", 0, 10, 8, "digits_out_of", ""},
        {"8 na 10", 0, 10, 8, "digits_out_of", ""},
        {"4 z 5", 1, 5, 4, "digits_out_of", ""},
        {"10 - great support", 0, 10, 10, "digits", "great support"},
        {"10 – świetna obsługa", 0, 10, 10, "digits", "świetna obsługa"},
        {"9/10, fast delivery", 0, 10, 9, "digits_out_of", "fast delivery"},
        {"3 slow answers", 1, 5, 3, "digits", "slow answers"},
        {"10!", 0, 10, 10, "digits", ""},
        {"10 :)", 0, 10, 10, "digits", ""},   // an emoticon is not a comment
        {"10 👍", 0, 10, 10, "digits", ""},
        {"eight", 0, 10, 8, "words", ""},
        {"Eight", 0, 10, 8, "words", ""},
        {"zero", 0, 10, 0, "words", ""},
        {"ten", 0, 10, 10, "words", ""},
        {"nine out of ten", 0, 10, 9, "words_out_of", ""},
        {"osiem", 0, 10, 8, "words", ""},
        {"dziesięć", 0, 10, 10, "words", ""},
        {"DZIESIĘĆ", 0, 10, 10, "words", ""},
        {"dziewięć na dziesięć", 0, 10, 9, "words_out_of", ""},
        {"dziewiec", 0, 10, 9, "words", ""},  // typed without diacritics
        {"pięć", 1, 5, 5, "words", ""},
        {"sześć, bo długo czekałem", 0, 10, 6, "words", "bo długo czekałem"},
        {"\xEF\xBC\x99", 0, 10, 9, "unicode_digits", ""},                 // ９ full-width
        {"\xEF\xBC\x91\xEF\xBC\x90", 0, 10, 10, "unicode_digits", ""},    // １０
        {"\xD9\xA7", 0, 10, 7, "unicode_digits", ""},                     // ٧ Arabic-Indic seven
        {"\xE0\xA5\xAE", 0, 10, 8, "unicode_digits", ""},                 // ८ Devanagari eight
        {"\xEF\xBC\x98\xEF\xBC\x8F\xEF\xBC\x91\xEF\xBC\x90", 0, 10, 8, "unicode_digits_out_of", ""},  // ８／１０
        {"9\xEF\xB8\x8F\xE2\x83\xA3", 0, 10, 9, "digits", ""},            // 9️⃣ keycap
        {"\xF0\x9F\x94\x9F", 0, 10, 10, "digits", ""},                    // 🔟
        {"\xC2\xA0" "7\xE3\x80\x80", 0, 10, 7, "digits", ""},             // no-break and ideographic spaces
        {"7", 1, 7, 7, "digits", ""},
        {"1", 1, 5, 1, "digits", ""},
    };
    for (const auto& c : cases) {
        INFO("text: \"" << c.text << "\" on " << c.min << ".." << c.max);
        const auto r = answer_parser::read_scale(c.text, c.min, c.max);
        REQUIRE(r.ok);
        CHECK(r.value == c.value);
        CHECK(r.method == c.method);
        CHECK(r.remainder == c.remainder);
        CHECK(r.problem.empty());
    }
}

TEST_CASE("read_scale refuses what is not one whole score on the scale, never defaulting", "[answer_parser]") {
    const refused cases[] = {
        {"11", 0, 10, "out_of_range"},
        {"-1", 0, 10, "negative"},
        {"\xE2\x88\x92" "1", 0, 10, "negative"},  // U+2212 minus sign
        {"minus 1", 0, 10, "negative"},
        {"- 3", 0, 10, "negative"},
        {"6.5", 0, 10, "fractional"},   // H02
        {"6,5", 0, 10, "fractional"},
        {"6\xC2\xBD", 0, 10, "fractional"},  // 6½
        {"9.5/10", 0, 10, "fractional"},
        {"", 0, 10, "empty"},
        {"   ", 0, 10, "empty"},
        {"\xC2\xA0\t\n", 0, 10, "empty"},
        {"\xF0\x9F\x91\x8D", 0, 10, "not_a_number"},  // 👍 alone
        {"great", 0, 10, "not_a_number"},
        {"one of the best", 0, 10, "not_a_number"},  // "one" here is not a score
        {"7 or 8", 0, 10, "ambiguous"},
        {"7-8", 0, 10, "ambiguous"},
        {"7 - 8", 0, 10, "ambiguous"},
        {"7 albo 8", 0, 10, "ambiguous"},
        {"7 lub 8", 0, 10, "ambiguous"},
        {"7 8", 0, 10, "ambiguous"},
        {"7, 8", 0, 10, "ambiguous"},
        {"siedem albo osiem", 0, 10, "ambiguous"},
        {"7 or eight", 0, 10, "ambiguous"},
        {"8/10", 1, 5, "wrong_scale"},   // never rescaled
        {"4 out of 5", 0, 10, "wrong_scale"},
        {"0", 1, 5, "out_of_range"},
        {"6", 1, 5, "out_of_range"},
        {"8", 1, 7, "out_of_range"},
        {"ten", 1, 5, "out_of_range"},
        {"99999999999999999999", 0, 10, "out_of_range"},
        {"9am", 0, 10, "not_a_number"},
        {"90%", 0, 10, "not_a_number"},
        {"9/", 0, 10, "not_a_number"},
        {"+9", 0, 10, "not_a_number"},
        {"\xC3\x28", 0, 10, "invalid_utf8"},
    };
    for (const auto& c : cases) {
        INFO("text: \"" << c.text << "\" on " << c.min << ".." << c.max);
        const auto r = answer_parser::read_scale(c.text, c.min, c.max);
        CHECK_FALSE(r.ok);
        CHECK_FALSE(r.value.has_value());
        CHECK(r.problem == c.problem);
    }
}

TEST_CASE("read_scale_value takes integers inside the scale only", "[answer_parser]") {
    struct row { json value; int min, max; bool ok; int expected; const char* problem; };
    const row cases[] = {
        {9, 0, 10, true, 9, ""},     {0, 0, 10, true, 0, ""},          {"7", 0, 10, true, 7, ""},
        {11, 0, 10, false, 0, "out_of_range"}, {-1, 0, 10, false, 0, "negative"}, {6.5, 0, 10, false, 0, "fractional"},
        {"6.5", 0, 10, false, 0, "fractional"}, {"", 0, 10, false, 0, "empty"}, {true, 0, 10, false, 0, "not_a_number"},
        {nullptr, 0, 10, false, 0, "not_a_number"}, {"x", 0, 10, false, 0, "not_a_number"}, {6, 1, 5, false, 0, "out_of_range"},
    };
    for (const auto& c : cases) {
        INFO("value: " << c.value.dump());
        const auto r = answer_parser::read_scale_value(c.value, c.min, c.max);
        REQUIRE(r.ok == c.ok);
        if (c.ok) {
            CHECK(r.value == c.expected);
            CHECK(r.method == "quick_reply");
        } else {
            CHECK(r.problem == c.problem);
            CHECK_FALSE(r.value.has_value());
        }
    }
}

TEST_CASE("read_choice finds an option by number, label in any locale or value", "[answer_parser]") {
    const std::vector<choice_option> options{
        {"billing", {{"en", "Billing"}, {"pl", "Płatności"}}},
        {"delivery", {{"en", "Delivery"}, {"pl", "Dostawa"}}},
        {"other", {{"en", "Something else"}, {"pl", "Coś innego"}}},
    };
    struct row { const char* text; const char* value; const char* method; };
    const row ok_cases[] = {
        {"1", "billing", "choice_number"},        {" 2 ", "delivery", "choice_number"},
        {"\xEF\xBC\x93", "other", "choice_number"}, {"billing", "billing", "choice_label"},
        {"DELIVERY", "delivery", "choice_label"}, {"płatności", "billing", "choice_label"},
        {"PŁATNOŚCI", "billing", "choice_label"}, {"coś innego", "other", "choice_label"},
        {"trzy", "other", "choice_number"},
    };
    for (const auto& c : ok_cases) {
        INFO("text: " << c.text);
        const auto r = answer_parser::read_choice(c.text, options);
        REQUIRE(r.ok);
        CHECK(r.text == c.value);
        CHECK(r.method == c.method);
    }
    struct bad { const char* text; const char* problem; };
    const bad bad_cases[] = {{"4", "no_such_option"}, {"0", "no_such_option"}, {"pizza", "no_such_option"},
                             {"", "empty"},           {"1 or 2", "ambiguous"},  {"1.5", "fractional"}};
    for (const auto& c : bad_cases) {
        INFO("text: " << c.text);
        const auto r = answer_parser::read_choice(c.text, options);
        CHECK_FALSE(r.ok);
        CHECK(r.problem == c.problem);
    }
    CHECK(answer_parser::read_choice_value("delivery", options).text == "delivery");
    CHECK_FALSE(answer_parser::read_choice_value("Delivery", options).ok);
    CHECK_FALSE(answer_parser::read_choice_value(2, options).ok);
}

TEST_CASE("read_text keeps valid UTF-8 and cuts long comments at a character boundary (H11)", "[answer_parser]") {
    SECTION("within the limit the comment is kept, trimmed") {
        const auto r = answer_parser::read_text("  Fast delivery \n", 1000, true);
        REQUIRE(r.ok);
        CHECK(r.text == "Fast delivery");
        CHECK(r.method == "text");
    }
    SECTION("empty means skipped when optional, and a retry when required") {
        for (const char* empty : {"", "   ", "\n\t"}) {
            const auto optional = answer_parser::read_text(empty, 1000, true);
            CHECK(optional.ok);
            CHECK(optional.skipped);
            CHECK_FALSE(optional.text.has_value());
            const auto required = answer_parser::read_text(empty, 1000, false);
            CHECK_FALSE(required.ok);
            CHECK(required.problem == "required");
        }
    }
    SECTION("the cut counts code points and never splits a character") {
        struct row { std::string text; int max; std::string expected; };
        const row cases[] = {
            {"zażółć gęślą jaźń", 6, "zażółć"},
            {"ąąąąą", 3, "ąąą"},
            {"ab\xE2\x82\xAC" "cd", 3, "ab\xE2\x82\xAC"},                  // € (3 bytes) right at the cut
            {"a\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 2, "a\xF0\x9F\x98\x80"},  // 😀 (4 bytes) at the cut
            {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 1, "\xE6\x97\xA5"},    // 日本語
            {"exactly", 7, "exactly"},
        };
        for (const auto& c : cases) {
            INFO("text: " << c.text << " max " << c.max);
            const auto r = answer_parser::read_text(c.text, c.max, true);
            REQUIRE(r.ok);
            CHECK(*r.text == c.expected);
            CHECK(opinia::bot::is_valid_utf8(*r.text));
            CHECK(opinia::bot::count_code_points(*r.text) <= static_cast<std::size_t>(c.max));
            CHECK(r.method == (c.text == c.expected ? "text" : "truncated"));
        }
    }
    SECTION("invalid UTF-8 is refused") {
        for (const char* broken : {"\xC3\x28", "ok \xE2\x82", "\xED\xA0\x80", "\xC0\xAF"}) {
            const auto r = answer_parser::read_text(broken, 1000, true);
            CHECK_FALSE(r.ok);
            CHECK(r.problem == "invalid_utf8");
        }
    }
}
