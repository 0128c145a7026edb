// Tests for comment_themes: words in three languages, stop words, phrases, groups, counts once per comment, examples.
#include <catch2/catch.hpp>

#include "metrics/comment_themes.hpp"
#include "metrics/stop_words.hpp"

using namespace opinia::metrics;
using opinia::store::comment_row;

namespace {
comment_row comment(std::string text, std::optional<int> nps)
{
    comment_row c;
    c.text = std::move(text);
    c.nps = nps;
    return c;
}

const theme* find(const std::vector<theme>& list, const std::string& text)
{
    for (const auto& t : list)
        if (t.text == text) return &t;
    return nullptr;
}
}  // namespace

TEST_CASE("Comments split into lower-case words in English, Polish and French", "[themes]") {
    struct example {
        const char* text;
        std::vector<std::string> words;
    };
    const std::vector<example> examples{
        {"Slow DELIVERY, again!", {"slow", "delivery", "again"}},
        {"Bardzo miła OBSŁUGA, ale długa dostawa", {"bardzo", "miła", "obsługa", "ale", "długa", "dostawa"}},
        {"L'accueil était très agréable", {"accueil", "était", "très", "agréable"}},
        {"Prix 15€ trop élevés", {"prix", "trop", "élevés"}},
    };
    for (const auto& e : examples) CHECK(comment_words(e.text) == e.words);
}

TEST_CASE("Stop words are removed for en, pl and fr", "[themes]") {
    for (const char* w : {"the", "and", "się", "ale", "nie", "avec", "les", "était"}) CHECK(is_stop_word(w));
    for (const char* w : {"delivery", "dostawa", "accueil", "prix"}) CHECK_FALSE(is_stop_word(w));
}

TEST_CASE("Themes per score group: terms and phrases, each counted once per comment, with examples", "[themes]") {
    const std::vector<comment_row> comments{
        comment("Slow delivery and slow delivery again", 2),
        comment("The delivery was slow", 3),
        comment("slow delivery", 6),
        comment("Friendly staff", 10),
        comment("friendly staff, great prices", 9),
        comment("ok x", 7),
        comment("no score here", std::nullopt),
    };
    theme_settings settings;
    settings.examples = 2;
    const auto groups = find_themes(comments, settings);
    REQUIRE(groups.size() == 4);
    CHECK(groups[0].group == "detractors");
    CHECK(groups[0].comments == 3);
    const auto* slow = find(groups[0].terms, "slow");
    REQUIRE(slow);
    CHECK(slow->count == 3);
    CHECK(slow->examples.size() == 2);
    CHECK_FALSE(find(groups[0].terms, "the"));
    const auto* phrase = find(groups[0].phrases, "slow delivery");
    REQUIRE(phrase);
    CHECK(phrase->count == 2);  // "delivery was slow" has a stop word between
    CHECK(groups[1].group == "passives");
    REQUIRE(groups[1].terms.size() == 1);  // one-letter words are not themes
    CHECK(groups[1].terms[0].text == "ok");
    CHECK(groups[2].group == "promoters");
    CHECK(find(groups[2].phrases, "friendly staff")->count == 2);
    CHECK(groups[3].group == "unscored");
}
