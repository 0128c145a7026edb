// comment_themes: the most frequent terms and two-word phrases in "why" comments, per score group.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "metrics/comment_vocabulary.hpp"
#include "store/answer_filter.hpp"

namespace opinia::metrics {

struct theme_settings {
    std::size_t top_terms = 15;        // themes listed per group and kind
    std::size_t examples = 3;          // example comments per theme
    std::size_t min_word_chars = 2;    // shorter words (in characters) are not themes
};

struct theme {
    std::string text;        // a word, or two words joined by a space
    std::int64_t count = 0;  // comments that contain it (a comment counts once)
    std::vector<std::string> examples;
};

struct theme_group {
    std::string group;       // "detractors" | "passives" | "promoters" | "unscored" (no NPS in the conversation)
    std::int64_t comments = 0;
    std::vector<theme> terms;
    std::vector<theme> phrases;
};

// Groups by the conversation's NPS answer; stop words (en, pl, fr), numbers and short words are
// left out, and a phrase is two neighbouring words that are both kept. Ties are ordered by text.
// Comments are split by `vocabulary`, which remembers them by answer id.
std::vector<theme_group> find_themes(const std::vector<store::comment_ref>& comments, comment_vocabulary& vocabulary,
                                     const theme_settings& settings);
// The same for comments that are not remembered.
std::vector<theme_group> find_themes(const std::vector<store::comment_row>& comments, const theme_settings& settings);

// {"comments","groups":[{"group","comments","terms":[{"text","count","examples"}],"phrases":[…]}]}
nlohmann::json themes_json(const std::vector<theme_group>& groups, std::size_t comments_read);

}  // namespace opinia::metrics
