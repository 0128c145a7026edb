// at_risk_ranking: counts per level and a bounded heap of the customers listed first.
#include "metrics/at_risk_ranking.hpp"
#include <algorithm>

namespace opinia::metrics {

namespace {

std::int64_t latest_time(const at_risk_customer& c)
{
    std::int64_t t = 0;
    for (const auto& s : c.signals) t = std::max(t, s.answer.at_ms);
    return t;
}

bool ranks_before(const at_risk_customer& a, const at_risk_customer& b)
{
    if (a.signals.size() != b.signals.size()) return a.signals.size() > b.signals.size();
    const auto ta = latest_time(a), tb = latest_time(b);
    if (ta != tb) return ta > tb;
    return a.customer < b.customer;
}

}  // namespace

at_risk_ranking::at_risk_ranking(std::size_t listed) : listed_(listed) {}

void at_risk_ranking::add(const customer_latest& customer)
{
    const auto found = find_risk_signals(customer);
    if (!found.at_risk()) return;
    (found.high() ? high_ : watch_) += 1;
    if (listed_ == 0) return;
    // Most customers rank below all those kept: decide that before copying anything.
    if (heap_.size() == listed_) {
        const auto& worst = heap_.front();
        const auto worst_latest = latest_time(worst);
        if (found.count != worst.signals.size()) {
            if (found.count < worst.signals.size()) return;
        } else if (found.latest_ms != worst_latest) {
            if (found.latest_ms < worst_latest) return;
        } else if (!(customer.customer < worst.customer)) {
            return;
        }
        std::pop_heap(heap_.begin(), heap_.end(), ranks_before);
        heap_.pop_back();
    }
    heap_.push_back(*assess_customer(customer));
    std::push_heap(heap_.begin(), heap_.end(), ranks_before);
}

std::vector<at_risk_customer> at_risk_ranking::take_listed()
{
    std::sort_heap(heap_.begin(), heap_.end(), ranks_before);
    return std::move(heap_);
}

}  // namespace opinia::metrics
