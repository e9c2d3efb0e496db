@area:totals @route:cart/products
Feature: The totals of the cart: which show, their order, and store credit (api/cart/products)
  The totals lines of `api/cart/products` are those of the store's enabled total extensions (Extensions > Extensions >
  Order Totals), in the order of their sort orders (the fixtures' `totals.order`, a fresh install's unless they name
  another; the fixture check verifies it), and a registered customer's store credit pays the cart. The customer with
  credit is named by role in the target's fixtures (`customers`, with its `store_credit`).
  See the operation `cartProducts` in openapi.yaml and its page in the living documentation (`npm run docs`:
  reports/docs/routes/cartProducts.html).

  Rule: each total shows its line only while it is enabled
    A store may disable any total (`total_<code>_status`: the fixtures name the ones it has disabled in `settings`, and
    the fixture check verifies them). Its line then goes, and what it adds or takes off with it: api/coupon, api/voucher
    and api/reward still accept a code or points while theirs is disabled, but nothing is taken off. The cart below
    shows a line of every total a fresh install has enabled: a registered customer with reward points and store credit,
    a taxed product and one with points, flat shipping, a coupon, a point redeemed and a gift voucher. The Handling Fee
    and the Low Order Fee charge only beyond a threshold the API does not show: their rows judge a store that has them
    disabled.

    @route:cart/products @id:totals-line-follows-status @must
    Scenario Outline: the <total> line shows while its total is enabled, and is gone, with its amount, while it is disabled
      Given I am logged in
      And the "with credit and an affiliate account" customer is set
      And my cart holds 1 of the "simple" product
      And my cart holds 1 of the "with points" product
      And the "uk" shipping address is set
      And the shipping methods are listed
      And the "flat" shipping method is chosen
      And the "percent" coupon is applied
      And I redeem 1 reward points
      And the answer is a success
      And the "valid" gift voucher is applied
      When I call "api/cart/products"
      Then the cart totals show the "<total>" line exactly while the store has that total enabled

      Examples:
        | total         |
        | Sub-Total     |
        | Reward Points |
        | Shipping      |
        | Coupon        |
        | Taxes         |
        | Store Credit  |
        | Gift Voucher  |
        | Total         |
        | Handling Fee  |
        | Low Order Fee |

  Rule: the lines come in the order of the total extensions
    On a fresh install: Sub-Total, Reward Points, Shipping, Coupon, the taxes (sorted by title), Store Credit, Gift
    Voucher, Total. A store that sorts its totals otherwise names the order in the fixtures (`totals.order`); the
    discount scenarios then follow it (a coupon or points that run after the taxes leave the tax lines as they were; a
    gift voucher or store credit pays at most what the lines above it come to).

    @route:voucher @id:totals-line-order @must
    Scenario: shipping, coupon, tax and gift voucher lines come in their places
      Given I am logged in
      And my cart holds 2 of the "with points" product
      And the "uk" shipping address is set
      And the shipping methods are listed
      And the "flat" shipping method is chosen
      And the "percent" coupon is applied
      When I apply the "valid" gift voucher
      Then the answer is a success
      And the cart totals are in the documented order, with the "percent" coupon, the "flat" shipping and the "valid" gift voucher

    @route:reward @id:totals-line-order-reward @may
    Scenario: the Reward Points line comes in its place too (right after the Sub-Total on a fresh install)
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 2 of the "with points" product
      And the "uk" shipping address is set
      And the shipping methods are listed
      And the "flat" shipping method is chosen
      And the "percent" coupon is applied
      And the "valid" gift voucher is applied
      When I redeem 100 reward points
      Then the answer is a success
      And the cart totals are in the documented order, with the "percent" coupon, the "flat" shipping and the "valid" gift voucher

  Rule: store credit pays the cart, at most what there is to pay

    @id:totals-store-credit @must
    Scenario: a customer's store credit shows as a negative Store Credit line
      Given I am logged in
      And the "with store credit" customer is set
      And my cart holds 1 of the "simple" product
      Then the cart totals show the store credit of the "with store credit" customer

    @id:totals-store-credit-capped @must
    Scenario: store credit worth more than the cart pays what there is to pay, and no more
      Given I am logged in
      And the "with store credit" customer is set
      And my cart holds 1 of the "priced by quantity" product with its "select" option "Red"
      Then the cart totals show the store credit of the "with store credit" customer, all there is to pay

    @id:totals-store-credit-empty-cart @must
    Scenario: with an empty cart there is no Store Credit line
      Given I am logged in
      And the "with store credit" customer is set
      Then the cart totals show no store credit
