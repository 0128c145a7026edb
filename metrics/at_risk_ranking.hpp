// at_risk_ranking: customers streamed through the at-risk rule, counted, and the first few kept in order.
#pragma once
#include <cstdint>
#include <vector>
#include "metrics/risk_assessment.hpp"

namespace opinia::metrics {

// Why streaming: a million customers' latest answers need not sit in memory, and only the listed
// ones need their signals copied. Order: more signals first, then the most recent signal, then id.
class at_risk_ranking {
public:
    explicit at_risk_ranking(std::size_t listed);

    // Applies the rule of metrics.md to one customer.
    void add(const customer_latest& customer);

    std::int64_t high() const { return high_; }
    std::int64_t watch() const { return watch_; }
    // The first `listed` at-risk customers, in order; the ranking is empty afterwards.
    std::vector<at_risk_customer> take_listed();

private:
    std::size_t listed_;
    std::int64_t high_ = 0, watch_ = 0;
    std::vector<at_risk_customer> heap_;  // the worst-ranked of those kept on top
};

}  // namespace opinia::metrics
