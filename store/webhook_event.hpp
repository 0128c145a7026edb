// webhook_event: an event to announce to every webhook subscribed to its type, queued with the write that caused it.
#pragma once
#include <string>

namespace opinia::store {

struct webhook_event {
    std::string id;     // stable per cause (conversation and type), so a rewrite never queues it twice
    std::string type;   // "response.completed" | "response.detractor"
    std::string body;   // the JSON document POSTed as it is
};

}  // namespace opinia::store
