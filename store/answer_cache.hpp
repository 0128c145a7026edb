// answer_cache: an in-memory, column-light copy of score answers and conversations that every metric view scans.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>
#include "store/answer_filter.hpp"
#include "store/customer_cache.hpp"
#include "store/database.hpp"
#include "store/string_pool.hpp"

namespace opinia::store {

// Offered → started → completed → explained, as counted in the store.
struct funnel_counts {
    std::int64_t offered = 0, started = 0, completed = 0, explained = 0;
};

// Why a cache: SQL GROUP BY over millions of answers takes seconds, while a scan of a packed
// array takes milliseconds. The database stays the only truth: refresh() copies what was written
// since the last call (new answers by id, changed conversations by updated_at), so a view asked
// for while answers keep arriving sees every committed answer. Not thread-safe; one per thread.
class answer_cache {
public:
    // Attribute segments read `customers`, which the caller refreshes before this cache.
    answer_cache(database& db, const customer_cache& customers);
    answer_cache(const answer_cache&) = delete;
    answer_cache& operator=(const answer_cache&) = delete;

    // Copies answers and conversation changes committed since the last call.
    void refresh();

    std::vector<score_count> score_counts(const answer_filter& filter);
    // Counts per bucket; `bucket_of` maps an answer's UTC milliseconds to its bucket key.
    std::map<std::int64_t, std::vector<score_count>> bucket_counts(const answer_filter& filter,
                                                                   const std::function<std::int64_t(std::int64_t)>& bucket_of);
    // Counts per value of a dimension: flow, channel, agent, touchpoint, stage, locale or attribute:NAME.
    std::map<std::string, std::vector<score_count>> segment_counts(const answer_filter& filter, const std::string& dimension);
    // The flows of every conversation held (chatted or imported), sorted.
    std::vector<std::string> flow_names() const;
    // Each customer's latest NPS, CSAT and CES answer in the filter (answers without a customer left
    // out), one customer at a time; the object passed is reused between calls.
    void for_each_latest(const answer_filter& filter, const std::function<void(const customer_latest&)>& visit);
    // Conversations created in the filter's window, plus invites never opened (offered, not started).
    funnel_counts funnel(const answer_filter& filter);
    // The newest "why" comments in the filter (by time, then answer id), at most `limit`; with a
    // `search`, only those containing it (ASCII letters in any case). The texts point into the cache
    // and stay valid until the next refresh().
    std::vector<comment_ref> newest_comments(const answer_filter& filter, std::size_t limit, const std::string& search);
    // The conversation's id, for the few answers that are shown.
    std::string conversation_id(std::int64_t rowid);

    std::size_t answer_count() const { return answers_.size(); }

private:
    struct cached_answer {
        std::int64_t at_ms;
        std::uint32_t conversation;  // conversation rowid
        std::int32_t customer;       // index into customers_, −1 for none
        std::uint16_t kind;          // index into kinds_
        std::int16_t value;
    };
    struct cached_conversation {
        std::int64_t created_ms = 0;
        std::uint32_t dims[6] = {};  // flow, channel, agent, touchpoint, stage, locale: ids in pools_
        std::int32_t customer = -1;  // index into customers_, −1 for none
        bool exists = false, started = false, completed = false, explained = false;
        std::int8_t latest_nps = -1;  // the last NPS answer, −1 for none: the score group of its comments
    };
    struct cached_comment {
        std::int64_t at_ms;
        std::int64_t answer_id;
        std::uint32_t conversation;
        std::int32_t customer;
        std::size_t text_at;   // offset in comment_text_
        std::uint32_t length;
    };
    struct answer_kind {
        std::string type;
        int scale_min, scale_max, good_from;
        std::size_t type_slot;  // 0 nps, 1 csat, 2 ces
    };
    // Per answer: which segment value (or −1: excluded). Built once per query from the filter.
    class answer_selector;

    std::uint16_t kind_of(const std::string& type, int min, int max, int good_from);
    cached_conversation& conversation_at(std::int64_t rowid);
    // This cache's customer index → attribute value id (in the customer cache's `values`); kept
    // until the customer cache changes, and extended as new customers answer.
    struct attribute_map {
        std::vector<std::int32_t> by_customer;
        const string_pool* values = nullptr;  // nullptr: no customer has the attribute
    };
    const attribute_map& attribute_by_customer(const std::string& name);
    std::int32_t customer_index(const std::string& customer);
    // Visits the rows (answers or comments) that pass the filter.
    template <class Row, class Visit>
    void scan(const std::vector<Row>& rows, const answer_filter& filter, Visit&& visit);

    database& db_;
    const customer_cache& customer_cache_;
    std::vector<cached_answer> answers_;
    bool answers_in_time_order_ = true;    // lets the latest answer be found by index; an import of old dates clears it
    std::vector<cached_comment> comments_;
    std::string comment_text_;             // every comment's text, end to end
    bool comments_in_time_order_ = true;   // lets the newest be read from the end; an import of old dates clears it
    std::vector<cached_conversation> conversations_;  // indexed by rowid
    std::vector<answer_kind> kinds_;
    string_pool pools_[6];
    std::vector<std::string> customers_;
    std::unordered_map<std::string, std::int32_t> customer_ids_;
    std::int64_t last_answer_id_ = 0;
    std::int64_t last_update_ms_ = -1;
    std::int64_t last_conversation_rowid_ = 0;
    std::map<std::string, attribute_map> attributes_;
    std::uint64_t attributes_version_ = 0;  // the customer cache's version when attributes_ was filled
};

}  // namespace opinia::store
