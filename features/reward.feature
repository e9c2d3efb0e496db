@area:reward
Feature: Reward points pay part of the cart (api/reward, api/reward/maximum, api/reward/available)
  A registered customer collects reward points and may spend them on products that carry points. Reward points are an
  optional feature of a store: what they do is @may; the shapes of the answers are @must.

  `api/reward/available` answers `{"points": …}`: the customer's balance as a whole number **in a string** (`"1000"`),
  or `null` when no registered customer is set (or they have no points). `api/reward/maximum` answers
  `{"maximum": <integer>}`: the points the cart's products carry (their points × quantity), 0 for an empty cart.

  `api/reward` redeems `reward=<points>`. It first takes off any points redeemed before, then checks in turn, each
  failing check replacing the message of the one before (one string error `{"error": "…"}`): an empty, zero or missing
  amount; more points than the customer has (the message echoes the amount asked for; a guest has none); more points
  than the cart carries (the message gives that maximum). So a guest asking for points with products that carry enough
  hears "you don't have", and with an empty cart "the maximum is 0". On success the totals of `api/cart/products` show
  `Reward Points (<points>)` after the Sub-Total: each product line carrying points pays
  line total × points / the cart's points, and the VAT on that share comes off as for a coupon. Points are spent only
  when an order is placed. Asking for exactly the customer's balance, or exactly the points the cart carries, is allowed;
  lines that carry no points take no share. A coupon comes after the points and takes at most what is left, so after
  points that pay the whole cart it shows no line. The totals check the points against the balance of the customer set
  now: points redeemed for one customer take nothing off once a customer without that many points is set. See the
  `reward*` operations in openapi.yaml.

  Rule: the answers have their documented shapes

    @route:reward/available @id:reward-available-guest @must
    Scenario: without a registered customer there are no available points
      Given I am logged in
      When I call "api/reward/available"
      Then the available reward points are none

    @route:reward/available @route:customer @id:reward-available-customer-shape @must
    Scenario: a registered customer's points are a whole number in a string
      Given I am logged in
      And the "registered with points" customer is set for the discount
      When I call "api/reward/available"
      Then the available reward points are a whole number in a string

    @route:reward/maximum @id:reward-maximum-shape @must
    Scenario: the maximum is an integer
      Given I am logged in
      And my cart holds 1 of the "with points" product for a discount
      When I call "api/reward/maximum"
      Then the reward maximum is a whole number

    @route:reward @route:cart/products @id:reward-refused-guest @must
    Scenario: a guest's points are refused with a string error and the cart totals stay as they were
      Given I am logged in
      And my cart holds 1 of the "with points" product for a discount
      And I note the cart totals before the discount
      When I redeem 100 reward points
      Then the answer is the "RewardRejected" variant
      And the cart totals are the same as before the discount

    @route:reward @route:customer @route:cart/products @id:reward-refused-customer @must
    Scenario: a customer's points beyond their balance are refused and the cart totals stay as they were
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart carries more reward points than the "registered with points" customer has
      And I note the cart totals before the discount
      When I redeem more reward points than the "registered with points" customer has
      Then the answer is the "RewardRejected" variant
      And the cart totals are the same as before the discount

  Rule: the balance and the maximum follow the customer and the cart

    @route:reward/available @route:customer @id:reward-available-customer-balance @may
    Scenario: a registered customer's available points are their balance
      Given I am logged in
      And the "registered with points" customer is set for the discount
      When I call "api/reward/available"
      Then the available reward points are the balance of the "registered with points" customer

    @route:reward/maximum @id:reward-maximum-cart-points @may
    Scenario Outline: the maximum is the points that <quantity> of a product with points carry
      Given I am logged in
      And my cart holds <quantity> of the "with points" product for a discount
      When I call "api/reward/maximum"
      Then the reward maximum is the points the cart carries

      Examples:
        | quantity |
        | 1        |
        | 3        |

    @route:reward/maximum @id:reward-maximum-empty-cart @may
    Scenario: an empty cart carries no points
      Given I am logged in
      When I call "api/reward/maximum"
      Then the reward maximum is the points the cart carries

    @route:reward/maximum @route:customer @id:reward-maximum-customer @may
    Scenario: a registered customer's cart carries the points of its products
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart holds 6 of the "with points" product for a discount
      When I call "api/reward/maximum"
      Then the reward maximum is the points the cart carries

  Rule: points that cannot be redeemed are refused, and the message tells which check failed last

    @route:reward @id:reward-guest-no-points @may
    Scenario: a guest with products that carry points does not have the points asked for
      Given I am logged in
      And my cart holds 1 of the "with points" product for a discount
      When I redeem 100 reward points
      Then the error says the customer does not have the reward points asked for

    @route:reward @id:reward-guest-empty-cart @may
    Scenario: a guest with an empty cart hears that the maximum is 0
      Given I am logged in
      When I redeem 100 reward points
      Then the error gives the points the cart carries as the maximum

    @route:reward @route:customer @id:reward-over-balance @may
    Scenario: more points than the customer has are refused with the amount asked for
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart carries more reward points than the "registered with points" customer has
      When I redeem more reward points than the "registered with points" customer has
      Then the error says the customer does not have the reward points asked for

    @route:reward @route:customer @id:reward-over-maximum @may
    Scenario: more points than the cart carries are refused with the cart's points as the maximum
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart holds 1 of the "with points" product for a discount
      When I redeem more reward points than the cart carries
      Then the error gives the points the cart carries as the maximum

    @route:reward @route:customer @id:reward-no-amount @may
    Scenario Outline: <case> is refused with a request to enter an amount
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart holds 1 of the "with points" product for a discount
      When I redeem "<reward>" reward points
      Then the error is the "rewardEmpty" message

      Examples:
        | case                  | reward     |
        | an empty amount       |            |
        | zero points           | 0          |
        | a request without one | (no field) |

  Rule: redeemed points take their share off the lines that carry points, and the VAT on it

    @route:reward @route:customer @route:cart/products @id:reward-redeemed @may
    Scenario: redeemed points show as a negative Reward Points line and reduce the VAT
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart holds 2 of the "with points" product for a discount
      And I note the cart totals before the discount
      When I redeem 100 reward points
      Then the answer is a success
      And the cart totals show the discount of the redeemed reward points

    @route:reward @route:customer @route:cart/products @id:reward-redeemed-mixed-cart @may
    Scenario: a line without points takes no share of the redeemed points
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart holds 1 of the "simple" product for a discount
      And my cart holds 2 of the "with points" product for a discount
      And I note the cart totals before the discount
      When I redeem 100 reward points
      Then the answer is a success
      And the cart totals show the discount of the redeemed reward points

    @route:reward @route:customer @route:cart/products @id:reward-redeemed-cart-maximum @may
    Scenario: exactly the points the cart carries can be redeemed (the line without points keeps its VAT)
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart holds 1 of the "simple" product for a discount
      And my cart holds 2 of the "with points" product for a discount
      And I note the cart totals before the discount
      When I redeem as many reward points as the cart carries
      Then the answer is a success
      And the cart totals show the discount of the redeemed reward points

    @route:reward @route:customer @route:cart/products @id:reward-redeemed-whole-balance @may
    Scenario: exactly the customer's balance can be redeemed (the line without points keeps its VAT)
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart holds 1 of the "simple" product for a discount
      And my cart carries at least as many reward points as the "registered with points" customer has
      And I note the cart totals before the discount
      When I redeem all the reward points the "registered with points" customer has
      Then the answer is a success
      And the cart totals show the discount of the redeemed reward points

    @route:reward @route:coupon @route:customer @route:cart/products @id:reward-leaves-nothing-for-coupon @may
    Scenario: after points have paid the whole cart a coupon takes nothing and shows no line
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart holds 2 of the "with points" product for a discount
      And the "percent" coupon is applied
      When I redeem as many reward points as the cart carries
      Then the answer is a success
      And the cart totals show no "coupon" line

    @route:reward @route:customer @route:cart/products @id:reward-not-for-next-customer @may
    Scenario: points redeemed for one customer take nothing off once a customer without them is set
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart holds 1 of the "with points" product for a discount
      And I redeem 100 reward points
      And the answer is a success
      And the "with store credit" customer is set for the discount
      When my cart holds 1 of the "with points" product for a discount
      Then the cart totals show no "reward points" line

    @route:reward @route:customer @id:reward-redeemed-message @may
    Scenario: the success says the points were applied
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart holds 1 of the "with points" product for a discount
      When I redeem 100 reward points
      Then the answer is a success saying the "rewardSuccess" message
