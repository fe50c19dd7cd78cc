using Aird.Stream.Ingest.BestShots;
using Aird.Stream.Ingest.Tracking;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Ingest.Tests;

/// <summary>The three classes composed as the ingest worker composes them, with its one held crop per track.</summary>
public sealed class IngestPipelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Walking_faces_get_prompt_first_shots_a_few_better_ones_and_short_tracks_their_best()
    {
        var tracker = new FaceTracker(new TrackerOptions());
        var quality = new FaceQuality(new FaceQualityOptions(), minFacePx: 16, maxFacePx: 40);
        var selector = new BestShotSelector(new BestShotOptions(), minFacePx: 16);
        var held = new Dictionary<long, double>();
        var published = new List<(long Track, int Frame, double Quality)>();
        var firstFrame = new Dictionary<long, int>();

        void Act(IReadOnlyList<BestShotDecision> decisions, IReadOnlyList<ShotCandidate> candidates, int frame)
        {
            foreach (var decision in decisions)
            {
                switch (decision.Action)
                {
                    case BestShotAction.Keep:
                        held[decision.TrackId] = candidates[decision.CandidateIndex!.Value].Quality;
                        break;
                    case BestShotAction.Publish:
                        Assert.Equal(decision.Quality, candidates[decision.CandidateIndex!.Value].Quality);
                        held.Remove(decision.TrackId);
                        published.Add((decision.TrackId, frame, decision.Quality));
                        break;
                    case BestShotAction.PublishKept:
                        Assert.True(held.Remove(decision.TrackId, out var kept), $"no crop held for track {decision.TrackId}");
                        Assert.Equal(kept, decision.Quality);
                        published.Add((decision.TrackId, frame, decision.Quality));
                        break;
                }
            }
        }

        const int Frames = 150;
        for (var frame = 0; frame < Frames; frame++)
        {
            var time = Start + (frame * TimeSpan.FromMilliseconds(200));
            var faces = new List<FaceDetection>
            {
                // Walks towards the camera for 30 s, growing from 16 to 34 px and turning to face it.
                TestFaces.At(200 + (8 * frame), 500, 16 + (frame * 0.12), noseShift: 0.4 * (1 - (frame / (double)Frames))),
                // Too small to recognise: tracked, never sent.
                TestFaces.At(1500, 200, 12),
            };
            if (frame is 40 or 41)
            {
                // Seen twice only.
                faces.Add(TestFaces.At(900, 900, 24, noseShift: frame == 40 ? 0.3 : 0.1));
            }

            var update = tracker.Update(faces, time);
            var candidates = faces.Select((face, i) => new ShotCandidate(update.TrackIds[i], face, quality.Score(face, 150).Total)).ToArray();
            foreach (var id in update.TrackIds)
            {
                firstFrame.TryAdd(id, frame);
            }

            Act(selector.Update(time, candidates, update.EndedTrackIds), candidates, frame);
        }

        Act(selector.Update(Start + TimeSpan.FromSeconds(Frames / 5.0), [], tracker.EndAll()), [], Frames);

        var walker = firstFrame.Keys.Min();
        var tiny = walker + 1;
        var brief = firstFrame.Keys.Max();
        Assert.Equal(3, firstFrame.Count);
        var walkerShots = published.Where(p => p.Track == walker).ToList();
        Assert.Equal(2, walkerShots[0].Frame);
        Assert.All(walkerShots, shot => Assert.True(walkerShots.Count(s => s.Frame >= shot.Frame && s.Frame < shot.Frame + 50) <= 2));
        Assert.True(walkerShots.Count >= 3, $"{walkerShots.Count} shots over 30 s");
        Assert.Equal(walkerShots.OrderBy(s => s.Quality), walkerShots);
        Assert.DoesNotContain(published, p => p.Track == tiny);
        var briefShot = Assert.Single(published, p => p.Track == brief);
        Assert.True(briefShot.Frame > 41, "a track shorter than its first frames is sent when it ends");
        Assert.Empty(held);
    }
}
