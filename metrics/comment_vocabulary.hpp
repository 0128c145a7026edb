// comment_vocabulary: comments split into words once, each word an id that knows whether it can be a theme.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace opinia::metrics {

// Lower-cased words of a comment (ICU word boundaries), French elisions (l', d', qu' …) cut off.
std::vector<std::string> comment_words(std::string_view utf8_text);

// Why: word breaking is most of the cost of themes, and the same newest comments are read on every
// request, so each comment is split once and remembered by its key (the answer id). Not thread-safe.
class comment_vocabulary {
public:
    // Words shorter than `min_word_chars` characters, stop words (en, pl, fr) are not kept.
    explicit comment_vocabulary(std::size_t min_word_chars);
    ~comment_vocabulary();
    comment_vocabulary(const comment_vocabulary&) = delete;
    comment_vocabulary& operator=(const comment_vocabulary&) = delete;

    // The comment's words as ids, in order; split once per key (a negative key is never remembered).
    const std::vector<std::uint32_t>& words(std::int64_t key, std::string_view text);
    const std::string& text(std::uint32_t word) const { return words_[word]; }
    bool kept(std::uint32_t word) const { return kept_[word]; }

private:
    std::uint32_t id_of(std::string word);

    std::size_t min_word_chars_;
    std::unique_ptr<icu::BreakIterator> breaker_;  // created once: creating one costs more than splitting a comment
    std::vector<std::string> words_;
    std::vector<bool> kept_;
    std::unordered_map<std::string, std::uint32_t> ids_;
    std::unordered_map<std::int64_t, std::vector<std::uint32_t>> remembered_;
    std::vector<std::uint32_t> scratch_;  // the answer for a key that is not remembered
};

}  // namespace opinia::metrics
