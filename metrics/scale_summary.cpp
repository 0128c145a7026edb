// scale_summary: grouping scale answers by scale and judging each by its own cut-off.
#include "metrics/scale_summary.hpp"

#include <algorithm>

namespace opinia::metrics {

std::optional<double> scale_result::percent() const {
    if (n == 0) return std::nullopt;
    return 100.0 * static_cast<double>(good) / static_cast<double>(n);
}

std::optional<double> scale_result::mean() const {
    if (n == 0) return std::nullopt;
    return static_cast<double>(value_sum) / static_cast<double>(n);
}

std::int64_t scale_summary::n() const {
    std::int64_t total = 0;
    for (const auto& r : by_scale) total += r.n;
    return total;
}

std::int64_t scale_summary::good() const {
    std::int64_t total = 0;
    for (const auto& r : by_scale) total += r.good;
    return total;
}

std::optional<double> scale_summary::percent() const {
    const auto total = n();
    if (total == 0) return std::nullopt;
    return 100.0 * static_cast<double>(good()) / static_cast<double>(total);
}

std::optional<double> scale_summary::mean() const {
    if (by_scale.size() != 1) return std::nullopt;
    return by_scale.front().mean();
}

std::optional<score_scale> scale_summary::scale() const {
    if (by_scale.size() != 1) return std::nullopt;
    return by_scale.front().scale;
}

scale_summary summarize_scale(const std::vector<store::score_count>& counts, std::string_view question_type) {
    scale_summary s;
    for (const auto& c : counts) {
        if (c.question_type != question_type || c.count <= 0) continue;
        const score_scale scale{c.scale_min, c.scale_max};
        if (scale.min >= scale.max || !scale.contains(c.value)) continue;
        std::optional<int> good_from;
        if (c.good_from > scale.min && c.good_from <= scale.max)
            good_from = c.good_from;
        else
            good_from = default_good_from(question_type, scale);
        if (!good_from) continue;

        auto it = std::find_if(s.by_scale.begin(), s.by_scale.end(),
                               [&](const scale_result& r) { return r.scale == scale; });
        if (it == s.by_scale.end()) {
            s.by_scale.push_back(scale_result{scale});
            it = std::prev(s.by_scale.end());
        }
        it->n += c.count;
        it->value_sum += static_cast<std::int64_t>(c.value) * c.count;
        if (c.value >= *good_from) it->good += c.count;
    }
    std::sort(s.by_scale.begin(), s.by_scale.end(),
              [](const scale_result& a, const scale_result& b) { return a.scale < b.scale; });
    return s;
}

}  // namespace opinia::metrics
