// score_scale: scale labels, parsing and the default cut-offs of metrics.md.
#include "metrics/score_scale.hpp"

#include <charconv>

namespace opinia::metrics {

std::string score_scale::label() const {
    return std::to_string(min) + "-" + std::to_string(max);
}

std::optional<score_scale> parse_scale(std::string_view text) {
    // Search from 1 so that a leading minus sign is not taken for the separator.
    const auto dash = text.find('-', 1);
    if (dash == std::string_view::npos) return std::nullopt;
    score_scale s;
    const auto lo = text.substr(0, dash);
    const auto hi = text.substr(dash + 1);
    auto [p1, e1] = std::from_chars(lo.data(), lo.data() + lo.size(), s.min);
    auto [p2, e2] = std::from_chars(hi.data(), hi.data() + hi.size(), s.max);
    if (e1 != std::errc{} || p1 != lo.data() + lo.size() || lo.empty()) return std::nullopt;
    if (e2 != std::errc{} || p2 != hi.data() + hi.size() || hi.empty()) return std::nullopt;
    if (s.min >= s.max) return std::nullopt;
    return s;
}

std::optional<score_scale> default_scale(std::string_view question_type) {
    if (question_type == "nps") return score_scale{0, 10};
    if (question_type == "csat") return score_scale{1, 5};
    if (question_type == "ces") return score_scale{1, 7};
    return std::nullopt;
}

std::optional<int> default_good_from(std::string_view question_type, score_scale scale) {
    if (question_type == "nps" && scale == score_scale{0, 10}) return 9;
    if (question_type == "csat") {
        if (scale == score_scale{1, 5}) return 4;
        if (scale == score_scale{1, 10}) return 8;
    }
    if (question_type == "ces") {
        if (scale == score_scale{1, 7}) return 5;
        if (scale == score_scale{1, 5}) return 4;
    }
    return std::nullopt;
}

}  // namespace opinia::metrics
