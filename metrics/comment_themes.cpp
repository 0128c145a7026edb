// comment_themes: document frequencies of word ids and word pairs per score group, then the top of each.
#include "metrics/comment_themes.hpp"
#include <algorithm>
#include <map>
#include <unordered_map>

namespace opinia::metrics {

namespace {

std::string_view group_of(const std::optional<int>& nps)
{
    if (!nps) return "unscored";
    if (*nps >= 9) return "promoters";
    if (*nps >= 7) return "passives";
    return "detractors";
}

struct tally {
    std::int64_t count = 0;
    std::vector<std::string> examples;
};

// The `top` themes by count, ties by text; `text_of` names a key.
template <class Key, class TextOf>
std::vector<theme> top_of(std::unordered_map<Key, tally>& tallies, std::size_t top, TextOf&& text_of)
{
    std::vector<theme> out;
    out.reserve(tallies.size());
    for (auto& [key, t] : tallies) out.push_back(theme{text_of(key), t.count, std::move(t.examples)});
    const auto first = [](const theme& a, const theme& b) { return a.count != b.count ? a.count > b.count : a.text < b.text; };
    const auto kept = std::min(top, out.size());
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(kept), out.end(), first);
    out.resize(kept);
    return out;
}

}  // namespace

std::vector<theme_group> find_themes(const std::vector<store::comment_ref>& comments, comment_vocabulary& vocabulary,
                                     const theme_settings& settings)
{
    struct group_tallies {
        std::int64_t comments = 0;
        std::unordered_map<std::uint32_t, tally> terms;
        std::unordered_map<std::uint64_t, tally> phrases;  // first word id × 2^32 + second
    };
    std::map<std::string_view, group_tallies> groups;
    const auto note = [&](auto& into, auto key, std::string_view comment) {
        auto& t = into[key];
        ++t.count;
        if (t.examples.size() < settings.examples) t.examples.emplace_back(comment);
    };
    std::vector<std::uint64_t> seen_terms, seen_phrases;  // a comment counts once per theme
    const auto first_time = [](std::vector<std::uint64_t>& seen, std::uint64_t key) {
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) return false;
        seen.push_back(key);
        return true;
    };
    for (const auto& c : comments) {
        auto& g = groups[group_of(c.nps)];
        ++g.comments;
        const auto& words = vocabulary.words(c.answer_id, c.text);
        seen_terms.clear();
        seen_phrases.clear();
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (!vocabulary.kept(words[i])) continue;
            if (first_time(seen_terms, words[i])) note(g.terms, words[i], c.text);
            if (i + 1 < words.size() && vocabulary.kept(words[i + 1])) {
                const auto phrase = (std::uint64_t{words[i]} << 32) | words[i + 1];
                if (first_time(seen_phrases, phrase)) note(g.phrases, phrase, c.text);
            }
        }
    }
    const auto term_text = [&](std::uint32_t id) { return vocabulary.text(id); };
    const auto phrase_text = [&](std::uint64_t key) {
        return vocabulary.text(static_cast<std::uint32_t>(key >> 32)) + " " + vocabulary.text(static_cast<std::uint32_t>(key));
    };
    std::vector<theme_group> out;
    for (std::string_view name : {"detractors", "passives", "promoters", "unscored"}) {
        auto it = groups.find(name);
        if (it == groups.end()) continue;
        out.push_back(theme_group{std::string(name), it->second.comments,
                                  top_of(it->second.terms, settings.top_terms, term_text),
                                  top_of(it->second.phrases, settings.top_terms, phrase_text)});
    }
    return out;
}

std::vector<theme_group> find_themes(const std::vector<store::comment_row>& comments, const theme_settings& settings)
{
    std::vector<store::comment_ref> refs;
    refs.reserve(comments.size());
    for (const auto& c : comments) refs.push_back({-1, c.text, c.nps});
    comment_vocabulary vocabulary(settings.min_word_chars);
    return find_themes(refs, vocabulary, settings);
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
