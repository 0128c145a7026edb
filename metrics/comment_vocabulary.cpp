// comment_vocabulary: ICU word breaking and lower-casing, word ids and the memo of split comments.
#include "metrics/comment_vocabulary.hpp"
#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include "metrics/stop_words.hpp"

namespace opinia::metrics {

namespace {

// Remembered comments are dropped all at once past this many, so memory stays bounded.
constexpr std::size_t max_remembered = 500'000;

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

std::unique_ptr<icu::BreakIterator> word_breaker()
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> breaker(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) return nullptr;
    return breaker;
}

template <class Emit>
void split(icu::BreakIterator* breaker, std::string_view utf8_text, Emit&& emit)
{
    if (!breaker) return;
    auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8_text.data(), static_cast<int32_t>(utf8_text.size())));
    text.toLower(icu::Locale::getRoot());
    breaker->setText(text);
    for (auto start = breaker->first(), end = breaker->next(); end != icu::BreakIterator::DONE; start = end, end = breaker->next()) {
        // Letters only: numbers, punctuation and spaces are not themes.
        const auto kind = breaker->getRuleStatus();
        if (kind < UBRK_WORD_LETTER || kind >= UBRK_WORD_IDEO_LIMIT) continue;
        std::string word;
        text.tempSubStringBetween(start, end).toUTF8String(word);
        emit(cut_elision(std::move(word)));
    }
}

}  // namespace

std::vector<std::string> comment_words(std::string_view utf8_text)
{
    std::vector<std::string> out;
    const auto breaker = word_breaker();
    split(breaker.get(), utf8_text, [&out](std::string word) { out.push_back(std::move(word)); });
    return out;
}

comment_vocabulary::comment_vocabulary(std::size_t min_word_chars) : min_word_chars_(min_word_chars), breaker_(word_breaker()) {}

comment_vocabulary::~comment_vocabulary() = default;

std::uint32_t comment_vocabulary::id_of(std::string word)
{
    const auto found = ids_.find(word);
    if (found != ids_.end()) return found->second;
    const auto id = static_cast<std::uint32_t>(words_.size());
    kept_.push_back(icu::UnicodeString::fromUTF8(word).countChar32() >= static_cast<int32_t>(min_word_chars_) &&
                    !is_stop_word(word));
    ids_.emplace(word, id);
    words_.push_back(std::move(word));
    return id;
}

const std::vector<std::uint32_t>& comment_vocabulary::words(std::int64_t key, std::string_view text)
{
    if (key >= 0) {
        const auto found = remembered_.find(key);
        if (found != remembered_.end()) return found->second;
        if (remembered_.size() >= max_remembered) remembered_.clear();
    }
    scratch_.clear();
    split(breaker_.get(), text, [this](std::string word) { scratch_.push_back(id_of(std::move(word))); });
    if (key < 0) return scratch_;
    return remembered_.emplace(key, scratch_).first->second;
}

}  // namespace opinia::metrics
