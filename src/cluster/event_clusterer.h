// Online event clustering and story linking, one article at a time.
//
// Each article is compared with the active events that share one of its
// terms (an inverted index over the events' terms): title and body TF-IDF
// cosines against the event's centroids, shared entities, and a time decay;
// the best event above the threshold takes it, else a new event starts.
// A copy (exact or near) of an earlier article joins that article's event.
// A new event joins the story whose entities and title terms it shares
// most, over a longer window, or starts a story. Ids are assigned in order
// ("e1", "s1", ...) and never change: events are not merged later (a
// second event for the same happening stays separate; its story links it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cluster/features.h"

namespace sipur::cluster {

struct ClusterOptions {
  // Defaults from a small grid over the dev sets (see the issue note); the
  // tuning procedure is still to be written down as a script.
  double title_weight = 0.5;
  double body_weight = 0.4;
  double entity_weight = 0.1;
  double threshold = 0.25;                      // minimum combined score to join an event
  double time_scale_hours = 36;                 // score decays as exp(-gap / scale)
  std::int64_t active_seconds = 4 * 24 * 3600;  // events older than this take no new articles
  std::size_t max_active_events = 20000;        // without times: the most recent events stay active
  double story_threshold = 0.25;
  std::int64_t story_active_seconds = 3 * 365 * 24 * 3600LL;
  std::size_t max_candidates = 200;
};

struct Decision {
  std::string event;
  std::string story;
  bool new_event = false;
  bool new_story = false;
  double score = 0;  // combined, after time decay
  double title = 0, body = 0, entities = 0, time = 1;
  std::vector<std::string> shared_terms;  // strongest terms shared with the event
  std::string runner_up;                  // second-best event, if any
  double runner_up_score = 0;
  std::string copy_of;  // joined as a copy of this article
};

struct EventSummary {
  std::string id;
  std::string story;
  std::string label;                  // a representative title
  std::vector<std::string> terms;     // top terms
  std::vector<std::string> entities;  // top entities
  std::size_t size = 0;
  std::optional<std::int64_t> first, last;
};

class EventClusterer {
 public:
  explicit EventClusterer(ClusterOptions options);

  // `copy_of`: the id of an earlier article this one copies (exact or near).
  [[nodiscard]] Decision add(const ArticleFeatures& article, const std::string& copy_of = "");

  // Replays a stored assignment (rebuilding state at start-up).
  void restore(const ArticleFeatures& article, const std::string& event, const std::string& story);

  [[nodiscard]] std::vector<EventSummary> summaries() const;

 private:
  struct Vector {
    std::unordered_map<std::string, double> weights;
    double norm2 = 0;
    void add(const std::unordered_map<std::string, double>& v);
    double dot(const std::unordered_map<std::string, double>& v) const;
  };
  struct Event {
    std::string id;
    std::size_t story = 0;
    Vector title, body;
    std::unordered_map<std::string, double> entities;
    std::size_t size = 0;
    std::optional<std::int64_t> first, last;
    std::size_t order = 0;  // creation order
    std::string label;
    double label_score = -1;
  };
  struct Story {
    std::string id;
    Vector title;
    std::unordered_map<std::string, double> entities;
    std::optional<std::int64_t> last;
    std::size_t size = 0;
  };
  struct Scored {
    double score = 0, title = 0, body = 0, entities = 0, time = 1;
  };

  [[nodiscard]] std::unordered_map<std::string, double> weigh(const TermCounts& terms) const;
  [[nodiscard]] Scored score(const ArticleFeatures& a, const std::unordered_map<std::string, double>& title,
                             const std::unordered_map<std::string, double>& body, const Event& e) const;
  [[nodiscard]] bool active(const Event& e, std::optional<std::int64_t> now) const;
  void observe_terms(const ArticleFeatures& a);
  std::size_t event_index(const std::string& id, std::size_t story);
  std::size_t story_index(const std::string& id);
  void join(std::size_t event, const ArticleFeatures& a, const std::unordered_map<std::string, double>& title,
            const std::unordered_map<std::string, double>& body);
  std::size_t link_story(const ArticleFeatures& a, const std::unordered_map<std::string, double>& title);

  ClusterOptions options_;
  std::vector<Event> events_;
  std::vector<Story> stories_;
  std::unordered_map<std::string, std::size_t> event_of_id_;  // event id -> index
  std::unordered_map<std::string, std::size_t> story_of_id_;
  std::unordered_map<std::string, std::size_t> article_event_;          // article id -> event index
  std::unordered_map<std::string, std::vector<std::size_t>> postings_;  // term -> events having it
  std::unordered_map<std::string, std::int64_t> df_;
  std::int64_t documents_ = 0;
  std::optional<std::int64_t> newest_;
};

}  // namespace sipur::cluster
