// comment_themes: ICU word breaking and lower-casing, then document frequencies per group.
#include "metrics/comment_themes.hpp"
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include "metrics/stop_words.hpp"

namespace opinia::metrics {

namespace {

std::string_view group_of(const store::comment_row& c)
{
    if (!c.nps) return "unscored";
    if (*c.nps >= 9) return "promoters";
    if (*c.nps >= 7) return "passives";
    return "detractors";
}

// French elided articles and pronouns glued to the next word by an apostrophe.
std::string cut_elision(std::string word)
{
    for (std::string_view apostrophe : {"'", "\xE2\x80\x99"}) {
        const auto at = word.find(apostrophe);
        if (at != std::string::npos && at <= 3) {
            const auto head = word.substr(0, at);
            if (head == "l" || head == "d" || head == "j" || head == "qu" || head == "n" || head == "s" ||
                head == "c" || head == "m" || head == "t")
                return word.substr(at + apostrophe.size());
        }
    }
    return word;
}

struct tally {
    std::int64_t count = 0;
    std::vector<std::string> examples;
};

std::vector<theme> top_of(std::map<std::string, tally>& tallies, std::size_t top)
{
    std::vector<theme> out;
    for (auto& [text, t] : tallies) out.push_back(theme{text, t.count, std::move(t.examples)});
    std::stable_sort(out.begin(), out.end(), [](const theme& a, const theme& b) { return a.count > b.count; });
    if (out.size() > top) out.resize(top);
    return out;
}

}  // namespace

std::vector<std::string> comment_words(const std::string& utf8_text)
{
    auto text = icu::UnicodeString::fromUTF8(utf8_text);
    text.toLower(icu::Locale::getRoot());
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    std::vector<std::string> out;
    if (U_FAILURE(status)) return out;
    words->setText(text);
    for (auto start = words->first(), end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next()) {
        // Letters only: numbers, punctuation and spaces are not themes.
        const auto kind = words->getRuleStatus();
        if (kind < UBRK_WORD_LETTER || kind >= UBRK_WORD_IDEO_LIMIT) continue;
        std::string word;
        text.tempSubStringBetween(start, end).toUTF8String(word);
        out.push_back(cut_elision(std::move(word)));
    }
    return out;
}

std::vector<theme_group> find_themes(const std::vector<store::comment_row>& comments, const theme_settings& settings)
{
    struct group_tallies {
        std::int64_t comments = 0;
        std::map<std::string, tally> terms, phrases;
    };
    std::map<std::string_view, group_tallies> groups;
    const auto kept = [&](const std::string& w) {
        return icu::UnicodeString::fromUTF8(w).countChar32() >= static_cast<int32_t>(settings.min_word_chars) &&
               !is_stop_word(w);
    };
    const auto note = [&](std::map<std::string, tally>& into, const std::string& key, const std::string& comment) {
        auto& t = into[key];
        ++t.count;
        if (t.examples.size() < settings.examples) t.examples.push_back(comment);
    };
    for (const auto& c : comments) {
        auto& g = groups[group_of(c)];
        ++g.comments;
        const auto words = comment_words(c.text);
        std::set<std::string> seen_terms, seen_phrases;
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (!kept(words[i])) continue;
            if (seen_terms.insert(words[i]).second) note(g.terms, words[i], c.text);
            if (i + 1 < words.size() && kept(words[i + 1])) {
                auto phrase = words[i] + " " + words[i + 1];
                if (seen_phrases.insert(phrase).second) note(g.phrases, phrase, c.text);
            }
        }
    }
    std::vector<theme_group> out;
    for (std::string_view name : {"detractors", "passives", "promoters", "unscored"}) {
        auto it = groups.find(name);
        if (it == groups.end()) continue;
        out.push_back(theme_group{std::string(name), it->second.comments, top_of(it->second.terms, settings.top_terms),
                                  top_of(it->second.phrases, settings.top_terms)});
    }
    return out;
}

nlohmann::json themes_json(const std::vector<theme_group>& groups, std::size_t comments_read)
{
    const auto list = [](const std::vector<theme>& themes) {
        auto j = nlohmann::json::array();
        for (const auto& t : themes) j.push_back({{"text", t.text}, {"count", t.count}, {"examples", t.examples}});
        return j;
    };
    auto out = nlohmann::json::array();
    for (const auto& g : groups)
        out.push_back({{"group", g.group}, {"comments", g.comments}, {"terms", list(g.terms)}, {"phrases", list(g.phrases)}});
    return {{"comments", comments_read}, {"groups", std::move(out)}};
}

}  // namespace opinia::metrics
