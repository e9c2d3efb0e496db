@area:reward
Feature: Reward points pay part of the cart (api/reward, api/reward/maximum, api/reward/available)
  A registered customer collects reward points and may spend them on products that carry points: `api/reward`
  redeems points, `api/reward/maximum` and `api/reward/available` say how many the cart and the customer allow. Reward
  points are an optional feature of a store: what they do is @may; the shapes of the answers are @must.
  See the operations `reward`, `rewardMaximum` and `rewardAvailable` in openapi.yaml, and their pages in the living
  documentation (`npm run docs`: reports/docs/routes/<operation>.html).

  Rule: the answers have their documented shapes

    @route:reward/available @id:reward-available-guest @must
    Scenario: without a registered customer there are no available points
      Given I am logged in
      When I call "api/reward/available"
      Then the available reward points are none

    @route:reward/available @id:reward-available-customer-shape @must
    Scenario: a registered customer's points are a whole number in a string
      Given I am logged in
      And the "registered with points" customer is set
      When I call "api/reward/available"
      Then the available reward points are a whole number in a string

    @route:reward/maximum @id:reward-maximum-shape @must
    Scenario: the maximum is an integer
      Given I am logged in
      And my cart holds 1 of the "with points" product
      When I call "api/reward/maximum"
      Then the reward maximum is a whole number

    @route:cart/products @route:reward @id:reward-refused-guest @must
    Scenario: a guest's points are refused with a string error and the cart totals stay as they were
      Given I am logged in
      And my cart holds 1 of the "with points" product
      And I note the cart
      When I redeem 100 reward points
      Then the answer is the "RewardRejected" variant
      And the cart totals are the same as before the discount

    @route:cart/products @route:reward @id:reward-refused-customer @must
    Scenario: a customer's points beyond their balance are refused and the cart totals stay as they were
      Given I am logged in
      And the "registered with points" customer is set
      And my cart carries more reward points than the "registered with points" customer has
      And I note the cart
      When I redeem more reward points than the "registered with points" customer has
      Then the answer is the "RewardRejected" variant
      And the cart totals are the same as before the discount

  Rule: the balance and the maximum follow the customer and the cart

    @route:reward/available @id:reward-available-customer-balance @may
    Scenario: a registered customer's available points are their balance
      Given I am logged in
      And the "registered with points" customer is set
      When I call "api/reward/available"
      Then the available reward points are the balance of the "registered with points" customer

    @route:reward/maximum @id:reward-maximum-cart-points @may
    Scenario Outline: the maximum is the points that <quantity> of a product with points carry
      Given I am logged in
      And my cart holds <quantity> of the "with points" product
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

    @route:reward/maximum @id:reward-maximum-customer @may
    Scenario: a registered customer's cart carries the points of its products
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 6 of the "with points" product
      When I call "api/reward/maximum"
      Then the reward maximum is the points the cart carries

  @route:reward
  Rule: points that cannot be redeemed are refused, and the message tells which check failed last

    @id:reward-guest-no-points @may
    Scenario: a guest with products that carry points does not have the points asked for
      Given I am logged in
      And my cart holds 1 of the "with points" product
      When I redeem 100 reward points
      Then the error says the customer does not have the reward points asked for

    @id:reward-guest-empty-cart @may
    Scenario: a guest with an empty cart hears that the maximum is 0
      Given I am logged in
      When I redeem 100 reward points
      Then the error gives the points the cart carries as the maximum

    @id:reward-over-balance @may
    Scenario: more points than the customer has are refused with the amount asked for
      Given I am logged in
      And the "registered with points" customer is set
      And my cart carries more reward points than the "registered with points" customer has
      When I redeem more reward points than the "registered with points" customer has
      Then the error says the customer does not have the reward points asked for

    @id:reward-over-maximum @may
    Scenario: more points than the cart carries are refused with the cart's points as the maximum
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 1 of the "with points" product
      When I redeem more reward points than the cart carries
      Then the error gives the points the cart carries as the maximum

    @id:reward-no-amount @may
    Scenario Outline: <case> is refused with a request to enter an amount
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 1 of the "with points" product
      When I redeem "<reward>" reward points
      Then the error is the "rewardEmpty" message

      Examples:
        | case                  | reward     |
        | an empty amount       |            |
        | zero points           | 0          |
        | a request without one | (no field) |

  Rule: redeemed points take their share off the lines that carry points, and the VAT on it
    The VAT on it where the Reward Points total runs before the Taxes total (a fresh install's order); where the store
    runs it after them (`totals.order`), the tax lines are out already and stay as they were, and these scenarios
    expect so.

    @route:cart/products @route:reward @id:reward-redeemed @may
    Scenario: redeemed points show as a negative Reward Points line and reduce the VAT where points run before the taxes
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 2 of the "with points" product
      And I note the cart
      When I redeem 100 reward points
      Then the answer is a success
      And the cart totals show the discount of the redeemed reward points

    @route:cart/products @route:reward @id:reward-redeemed-mixed-cart @may
    Scenario: a line without points takes no share of the redeemed points
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 1 of the "simple" product
      And my cart holds 2 of the "with points" product
      And I note the cart
      When I redeem 100 reward points
      Then the answer is a success
      And the cart totals show the discount of the redeemed reward points

    @route:cart/products @route:reward @id:reward-redeemed-cart-maximum @may
    Scenario: exactly the points the cart carries can be redeemed (the line without points keeps its VAT)
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 1 of the "simple" product
      And my cart holds 2 of the "with points" product
      And I note the cart
      When I redeem as many reward points as the cart carries
      Then the answer is a success
      And the cart totals show the discount of the redeemed reward points

    @route:cart/products @route:reward @id:reward-redeemed-whole-balance @may
    Scenario: exactly the customer's balance can be redeemed (the line without points keeps its VAT)
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 1 of the "simple" product
      And my cart carries at least as many reward points as the "registered with points" customer has
      And I note the cart
      When I redeem all the reward points the "registered with points" customer has
      Then the answer is a success
      And the cart totals show the discount of the redeemed reward points

    @route:cart/products @route:reward @id:reward-leaves-nothing-for-coupon @may
    Scenario: after points have paid the whole cart a coupon takes nothing and shows no line
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 2 of the "with points" product
      And the "percent" coupon is applied
      When I redeem as many reward points as the cart carries
      Then the answer is a success
      And the redeemed reward points take the whole Sub-Total and the cart totals show no coupon line

    @route:cart/add @route:cart/products @id:reward-not-for-next-customer @may
    Scenario: points redeemed for one customer take nothing off once a customer without them is set
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 1 of the "with points" product
      And I redeem 100 reward points
      And the answer is a success
      And the "with store credit" customer is set
      When my cart holds 1 of the "with points" product
      Then the cart totals show no "reward points" line

    @route:reward @id:reward-redeemed-message @may
    Scenario: the success says the points were applied
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 1 of the "with points" product
      When I redeem 100 reward points
      Then the answer is a success saying the "rewardSuccess" message
