// stop_words: the function words left out of comment themes, for English, Polish and French.
#pragma once
#include <string_view>

namespace opinia::metrics {

// True for a lower-case word that carries no theme in English, Polish or French ("the", "się", "avec").
bool is_stop_word(std::string_view lower_case_word);

}  // namespace opinia::metrics
